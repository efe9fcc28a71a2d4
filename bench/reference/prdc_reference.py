"""Reference PRDC (precision, recall, density, coverage) in numpy, written independently of Java.

Datasets are lists of columns {"name", "kind", "real", "synthetic"}: numeric/datetime values are
floats (NaN = missing), categorical/boolean values are integer codes (-1 = missing). Definitions
follow Naeem et al. 2020 with the strict inequalities of the `prdc` package, over SDMetrics' DCR
row distance as in ml-services' io.synthos.ml.stats.collapse.Prdc:

* row distance: mean over columns of d_j; numeric d_j = min(|a-b| / range_real, 1), or equality
  when the real range is 0 or undefined; categorical d_j = 0 if equal else 1; missing vs value = 1,
  missing vs missing = 0.
* NND_k(x): distance from x to its k-th nearest other row of the same set.
* precision = mean_y [exists x: d(y, x) < NND_k(x)]
* recall    = mean_x [exists y: d(x, y) < NND_k(y)]   (radii over synthetic rows)
* density   = 1/(k M) * sum_y #{x: d(y, x) < NND_k(x)}
* coverage  = mean_x [min_y d(x, y) < NND_k(x)]

Distances are built by blocked brute force with numpy broadcasting.
"""

import numpy as np

NUMERIC_KINDS = ("NUMERIC", "DATETIME")
BLOCK = 256


def _ranges(kinds, real):
    out = []
    for kind, values in zip(kinds, real):
        if kind in NUMERIC_KINDS:
            present = values[~np.isnan(values)]
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


def _side(columns, name):
    out = []
    for column in columns:
        if column["kind"] in NUMERIC_KINDS:
            out.append(np.array([np.nan if v is None else v for v in column[name]], dtype=float))
        else:
            out.append(np.asarray(column[name], dtype=np.int64))
    return out


def _distance_blocks(a, b, kinds, ranges):
    """Yields (start, stop, distances from rows start..stop-1 of a to every row of b)."""
    rows = len(a[0])
    for start in range(0, rows, BLOCK):
        stop = min(rows, start + BLOCK)
        total = np.zeros((stop - start, len(b[0])))
        for j, kind in enumerate(kinds):
            total += _column_distance(a[j][start:stop], b[j], kind, ranges[j])
        yield start, stop, total / len(kinds)


def _kth_nearest_other(rows, k, kinds, ranges):
    count = len(rows[0])
    radius = np.empty(count)
    for start, stop, d in _distance_blocks(rows, rows, kinds, ranges):
        d[np.arange(stop - start), np.arange(start, stop)] = np.inf  # not itself
        radius[start:stop] = np.partition(d, k - 1, axis=1)[:, k - 1]
    return radius


def prdc(columns, k):
    """{"precision", "recall", "density", "coverage"} of the synthetic rows against the real."""
    kinds = [c["kind"] for c in columns]
    real = _side(columns, "real")
    ranges = _ranges(kinds, real)
    synthetic = _side(columns, "synthetic")
    n, m = len(real[0]), len(synthetic[0])
    if k < 1 or k >= n or k >= m:
        raise ValueError("k must be below the rows of each side")
    real_radius = _kth_nearest_other(real, k, kinds, ranges)
    synthetic_radius = _kth_nearest_other(synthetic, k, kinds, ranges)
    inside = np.zeros(m, dtype=np.int64)
    recalled = np.zeros(n, dtype=bool)
    nearest = np.full(n, np.inf)
    for start, stop, d in _distance_blocks(synthetic, real, kinds, ranges):
        within_real = d < real_radius[None, :]
        inside[start:stop] = within_real.sum(axis=1)
        recalled |= (d < synthetic_radius[start:stop, None]).any(axis=0)
        nearest = np.minimum(nearest, d.min(axis=0))
    return {
        "precision": float((inside > 0).mean()),
        "recall": float(recalled.mean()),
        "density": float(inside.sum() / (k * m)),
        "coverage": float((nearest < real_radius).mean()),
    }
