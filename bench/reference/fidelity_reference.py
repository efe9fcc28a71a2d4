"""Reference implementation of the fidelity section (io.synthos.ml.stats.fidelity.Fidelity).

Written independently of the Java code, straight from numpy/scipy, so the Java tests can compare
against it. Input: an ordered dict of columns, name -> {"kind": "numeric" | "datetime" |
"categorical" | "boolean", "real": [...], "synthetic": [...]}; numeric and datetime values are
floats (epoch seconds for datetimes) with None or NaN where missing, categorical and boolean values
are integer codes with -1 where missing (equal codes mean equal categories on both sides).
Output: the fidelity section as a dict, shaped like Fidelity.compute's JsonObject.

    from fidelity_reference import fidelity
    section = fidelity({"age": {"kind": "numeric", "real": [...], "synthetic": [...]}})
"""
import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import ks_2samp, wasserstein_distance

NUMERIC_KINDS = ("numeric", "datetime")
BINS = 10


def _numbers(values):
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def _codes(values):
    return np.array(values, dtype=np.int64).reshape(-1)


def _prepare(columns):
    prepared = []
    for name, spec in columns.items():
        kind = spec["kind"]
        convert = _numbers if kind in NUMERIC_KINDS else _codes
        prepared.append((name, kind, convert(spec["real"]), convert(spec["synthetic"])))
    return prepared


def _missing(kind, values):
    mask = np.isnan(values) if kind in NUMERIC_KINDS else values < 0
    return mask


def _fraction(mask):
    return float(mask.mean()) if mask.size else 0.0


def _mean(scores):
    kept = [s for s in scores if s is not None]
    return float(np.mean(kept)) if kept else None


def column_shape(name, kind, real, synthetic):
    real_missing, syn_missing = _missing(kind, real), _missing(kind, synthetic)
    r, s = real[~real_missing], synthetic[~syn_missing]
    numeric = kind in NUMERIC_KINDS
    out = {"column": name, "type": kind, "metric": "KSComplement" if numeric else "TVComplement"}
    if r.size == 0 or s.size == 0:
        out["score"] = None
        side = "real" if r.size == 0 else "synthetic"
        out["reason"] = f"no non-missing {side} values"
    elif numeric:
        statistic = float(ks_2samp(r, s).statistic)
        out["score"] = 1.0 - statistic
        out["ks_statistic"] = statistic
        out["wasserstein"] = float(wasserstein_distance(r, s))
    else:
        categories = np.union1d(r, s)
        p_real = np.array([np.count_nonzero(r == c) for c in categories], dtype=float)
        p_syn = np.array([np.count_nonzero(s == c) for c in categories], dtype=float)
        tv = 0.5 * float(np.abs(p_syn / s.size - p_real / r.size).sum())
        out["score"] = 1.0 - tv
        out["tv_distance"] = tv
        out["js_distance"] = float(jensenshannon(p_real, p_syn, base=2))
    out["missing_real"] = _fraction(real_missing)
    out["missing_synthetic"] = _fraction(syn_missing)
    return out


def _correlation(a, b, label, x, y):
    both = ~np.isnan(x) & ~np.isnan(y)
    x, y = x[both], y[both]
    if x.size < 2:
        return None, f"fewer than 2 {label} rows with both values"
    for column, values in ((a, x), (b, y)):
        if np.ptp(values) == 0:
            return None, f"{column} is constant on the {label} rows used"
    return float(np.corrcoef(x, y)[0, 1]), None


def _labels(kind, values, edges):
    """Category labels per row: codes as they are, numbers binned like pandas.cut(right=True)."""
    if kind not in NUMERIC_KINDS:
        return np.where(values < 0, -1, values)
    labels = np.searchsorted(edges, values, side="left") - 1
    return np.where(np.isnan(values), -1, labels)


def _edges(kind, real):
    if kind not in NUMERIC_KINDS:
        return None
    edges = np.histogram_bin_edges(real[~np.isnan(real)], bins=BINS).astype(float)
    edges[0], edges[-1] = -np.inf, np.inf
    return edges


def _joint(first, second):
    pairs = np.stack([first, second], axis=1)
    keys, counts = np.unique(pairs, axis=0, return_counts=True)
    return {tuple(int(k) for k in key): int(c) for key, c in zip(keys, counts)}


def column_pair(first, second):
    (a, kind_a, real_a, syn_a), (b, kind_b, real_b, syn_b) = first, second
    if kind_a in NUMERIC_KINDS and kind_b in NUMERIC_KINDS:
        out = {"columns": [a, b], "metric": "CorrelationSimilarity"}
        rho_real, reason = _correlation(a, b, "real", real_a, real_b)
        if reason is None:
            rho_syn, reason = _correlation(a, b, "synthetic", syn_a, syn_b)
        if reason is not None:
            out["score"] = None
            out["reason"] = reason
        else:
            out["score"] = 1.0 - abs(rho_real - rho_syn) / 2.0
            out["real"] = rho_real
            out["synthetic"] = rho_syn
        return out
    out = {"columns": [a, b], "metric": "ContingencySimilarity"}
    if real_a.size == 0 or syn_a.size == 0:
        out["score"] = None
        out["reason"] = "no real rows" if real_a.size == 0 else "no synthetic rows"
        return out
    edges_a, edges_b = _edges(kind_a, real_a), _edges(kind_b, real_b)
    joint_real = _joint(_labels(kind_a, real_a, edges_a), _labels(kind_b, real_b, edges_b))
    joint_syn = _joint(_labels(kind_a, syn_a, edges_a), _labels(kind_b, syn_b, edges_b))
    cells = sorted(set(joint_real) | set(joint_syn))
    p_real = np.array([joint_real.get(c, 0) for c in cells], dtype=float) / real_a.size
    p_syn = np.array([joint_syn.get(c, 0) for c in cells], dtype=float) / syn_a.size
    out["score"] = 1.0 - 0.5 * float(np.abs(p_real - p_syn).sum())
    return out


def fidelity(columns):
    prepared = _prepare(columns)
    shapes = [column_shape(*column) for column in prepared]
    pairs = [column_pair(prepared[i], prepared[j])
             for i in range(len(prepared)) for j in range(i + 1, len(prepared))]
    shape_score = _mean([c["score"] for c in shapes])
    pair_score = _mean([p["score"] for p in pairs])
    if pair_score is None:
        score = shape_score
    elif shape_score is None:
        score = pair_score
    else:
        score = (shape_score + pair_score) / 2.0
    return {
        "score": score,
        "column_shapes": {"score": shape_score, "columns": shapes},
        "column_pair_trends": {"score": pair_score, "pairs": pairs},
    }
