"""Reference privacy metrics in numpy, written independently of the Java code.

Datasets are dicts: {"columns": [{"name", "kind", "real", "synthetic", "holdout"?}]}, where
numeric/datetime values are floats (NaN = missing) and categorical/boolean values are integer codes
(-1 = missing). Definitions follow ml-services' io.synthos.ml.stats.privacy.Privacy:

* row distance: mean over columns of d_j; numeric d_j = min(|a-b| / range_real, 1), or equality
  when the real range is 0 or undefined; categorical d_j = 0 if equal else 1; missing vs value = 1,
  missing vs missing = 0.
* baseline protection = min(median_synthetic / median_baseline, 1), 1 when median_baseline is 0.
* NNDR ratio 0/0 = 0; NNDR is None with fewer than two real rows.
* percentiles are numpy's default (linear).

Nearest neighbours are found by blocked brute force with numpy broadcasting.
"""

import numpy as np

NUMERIC_KINDS = ("NUMERIC", "DATETIME")
BLOCK = 256


def _ranges(columns):
    out = []
    for column in columns:
        if column["kind"] in NUMERIC_KINDS:
            real = np.asarray(column["real"], dtype=float)
            present = real[~np.isnan(real)]
            out.append(float(present.max() - present.min()) if present.size else 0.0)
        else:
            out.append(None)
    return out


def _column_distance(a, b, kind, value_range):
    """d_j for every pair of a (block) and b (all), shape (len(a), len(b))."""
    a = a[:, None]
    b = b[None, :]
    if kind not in NUMERIC_KINDS:
        return (a != b).astype(float)
    a_missing = np.isnan(a)
    b_missing = np.isnan(b)
    with np.errstate(invalid="ignore"):
        if value_range > 0:
            d = np.minimum(np.abs(a - b) / value_range, 1.0)
        else:
            d = (a != b).astype(float)
    d = np.where(a_missing | b_missing, 1.0, d)
    return np.where(a_missing & b_missing, 0.0, d)


def nearest_two(queries, reference, kinds, ranges):
    """Distances from each query row to its nearest and second-nearest reference row.

    queries/reference: lists of per-column arrays. Returns (first, second); second is None when the
    reference has a single row.
    """
    n_queries = len(queries[0])
    n_reference = len(reference[0])
    width = len(kinds)
    first = np.empty(n_queries)
    second = np.empty(n_queries) if n_reference >= 2 else None
    for start in range(0, n_queries, BLOCK):
        stop = min(n_queries, start + BLOCK)
        total = np.zeros((stop - start, n_reference))
        for j in range(width):
            total += _column_distance(queries[j][start:stop], reference[j], kinds[j], ranges[j])
        total /= width
        if n_reference >= 2:
            two = np.partition(total, 1, axis=1)[:, :2]
            first[start:stop] = two[:, 0]
            second[start:stop] = two[:, 1]
        else:
            first[start:stop] = total[:, 0]
    return first, second


def _matches(synthetic, real, kinds, close):
    """Per synthetic row: whether some real row matches it on every column."""
    n_synthetic = len(synthetic[0])
    out = np.zeros(n_synthetic, dtype=bool)
    for start in range(0, n_synthetic, BLOCK):
        stop = min(n_synthetic, start + BLOCK)
        ok = np.ones((stop - start, len(real[0])), dtype=bool)
        for j, kind in enumerate(kinds):
            s = synthetic[j][start:stop][:, None]
            r = real[j][None, :]
            if kind in NUMERIC_KINDS:
                s_missing = np.isnan(s)
                r_missing = np.isnan(r)
                with np.errstate(invalid="ignore"):
                    equal = np.abs(s - r) <= 0.01 * np.abs(r) if close else s == r
                ok &= np.where(s_missing | r_missing, s_missing & r_missing, equal)
            else:
                ok &= s == r
        out[start:stop] = ok.any(axis=1)
    return out


def _as_arrays(columns, side):
    out = []
    for column in columns:
        values = column[side]
        if column["kind"] in NUMERIC_KINDS:
            out.append(np.array([np.nan if v is None else v for v in values], dtype=float))
        else:
            out.append(np.array(values, dtype=np.int64))
    return out


def privacy(dataset, baseline):
    """The privacy section for `dataset`, with `baseline` (per-column value lists) as random rows."""
    columns = dataset["columns"]
    kinds = [c["kind"] for c in columns]
    normalised = [dict(c, real=_as_arrays([c], "real")[0]) for c in columns]
    ranges = _ranges(normalised)
    real = _as_arrays(columns, "real")
    synthetic = _as_arrays(columns, "synthetic")
    random_rows = _as_arrays(
        [dict(c, baseline=b) for c, b in zip(columns, baseline)], "baseline"
    )

    to_real, second = nearest_two(synthetic, real, kinds, ranges)
    baseline_to_real, _ = nearest_two(random_rows, real, kinds, ranges)
    median_synthetic = float(np.median(to_real))
    median_baseline = float(np.median(baseline_to_real))
    protection = 1.0 if median_baseline == 0 else min(median_synthetic / median_baseline, 1.0)

    new_rows = float(1.0 - _matches(synthetic, real, kinds, close=True).mean())
    exact = float(_matches(synthetic, real, kinds, close=False).mean())

    parts = [protection, new_rows]
    result = {
        "dcr": {
            "median_synthetic": median_synthetic,
            "median_baseline": median_baseline,
            "baseline_protection": protection,
        }
    }
    has_holdout = all(c.get("holdout") is not None for c in columns)
    if has_holdout:
        holdout = _as_arrays(columns, "holdout")
        to_holdout, _ = nearest_two(synthetic, holdout, kinds, ranges)
        closer = np.where(to_real < to_holdout, 1.0, np.where(to_real == to_holdout, 0.5, 0.0))
        share = float(closer.mean())
        overfitting = min(2 * (1 - share), 1.0)
        parts.insert(1, overfitting)
        result["overfitting"] = {"share_closer_to_training": share, "score": overfitting}
    result["new_row_synthesis"] = new_rows
    result["exact_match_rate"] = exact
    if second is None:
        result["nndr"] = {"median": None, "p10": None}
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            ratios = np.where(second == 0, 0.0, to_real / np.where(second == 0, 1.0, second))
        result["nndr"] = {
            "median": float(np.median(ratios)),
            "p10": float(np.percentile(ratios, 10)),
        }
    result["sampled"] = {
        "real": len(real[0]),
        "synthetic": len(synthetic[0]),
        "holdout": len(columns[0]["holdout"]) if has_holdout else None,
    }
    result["sampled_any"] = False
    result["score"] = float(np.mean(parts))
    return result, {"to_real": to_real, "to_holdout": to_holdout if has_holdout else None}
