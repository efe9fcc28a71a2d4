"""Reference implementation of the collapse column signals (io.synthos.ml.stats.collapse.ColumnSignals).

Written independently of the Java code, straight from numpy, so the Java tests can compare against
it. Input: an ordered dict of columns, name -> {"kind": "numeric" | "datetime" | "categorical" |
"boolean", "real": [...], "synthetic": [...]}; numbers with None or NaN where missing, category
codes with -1 where missing. Output: ColumnSignals.compute's JsonObject as a dict.

    from collapse_signals_reference import signals
    section = signals({"age": {"kind": "numeric", "real": [...], "synthetic": [...]}})
"""
import numpy as np

NUMERIC_KINDS = ("numeric", "datetime")
NUMERIC_SIGNALS = ("variance_ratio", "iqr_ratio", "tail_ratio", "range_coverage")
CATEGORICAL_SIGNALS = ("category_coverage", "rare_category_coverage", "entropy_ratio")
RARE_SHARE = 0.01


def _numbers(values):
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def _codes(values):
    return np.array(values, dtype=np.int64).reshape(-1)


def _numeric(real, syn):
    r, s = real[~np.isnan(real)], syn[~np.isnan(syn)]
    if r.size == 0 or s.size == 0:
        return dict.fromkeys(NUMERIC_SIGNALS)
    out = {}
    var_r = np.var(r, ddof=1) if r.size >= 2 else 0.0
    out["variance_ratio"] = (float(np.var(s, ddof=1) / var_r)
                             if var_r != 0 and s.size >= 2 else None)
    iqr_r = np.percentile(r, 75) - np.percentile(r, 25)
    iqr_s = np.percentile(s, 75) - np.percentile(s, 25)
    out["iqr_ratio"] = float(iqr_s / iqr_r) if iqr_r != 0 else None
    p1, p99 = np.percentile(r, 1), np.percentile(r, 99)
    tail_r = np.mean((r < p1) | (r > p99))
    tail_s = np.mean((s < p1) | (s > p99))
    out["tail_ratio"] = float(tail_s / tail_r) if tail_r != 0 else None
    span = r.max() - r.min()
    if span > 0:
        lost = max(0.0, s.min() - r.min()) + max(0.0, r.max() - s.max())
        out["range_coverage"] = float(np.clip(1 - lost / span, 0, 1))
    else:
        out["range_coverage"] = None
    return out


def _entropy(codes):
    _, counts = np.unique(codes, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum())


def _categorical(real, syn):
    r, s = real[real >= 0], syn[syn >= 0]
    if r.size == 0 or s.size == 0:
        return dict.fromkeys(CATEGORICAL_SIGNALS)
    cats, counts = np.unique(r, return_counts=True)
    in_syn = np.isin(cats, np.unique(s))
    rare = counts / r.size < RARE_SHARE
    h_r = _entropy(r)
    return {
        "category_coverage": float(in_syn.mean()),
        "rare_category_coverage": float(in_syn[rare].mean()) if rare.any() else None,
        "entropy_ratio": _entropy(s) / h_r if h_r != 0 else None,
    }


def _duplicate_rate(prepared):
    if not prepared:
        return None
    rows = len(prepared[0][3])
    if rows == 0:
        return None
    keys = set()
    for i in range(rows):
        key = []
        for _, kind, _, syn in prepared:
            v = syn[i]
            if kind in NUMERIC_KINDS:
                key.append(None if np.isnan(v) else float(v))
            else:
                key.append(None if v < 0 else int(v))
        keys.add(tuple(key))
    return (rows - len(keys)) / rows


def signals(columns):
    prepared = []
    for name, spec in columns.items():
        kind = spec["kind"]
        convert = _numbers if kind in NUMERIC_KINDS else _codes
        prepared.append((name, kind, convert(spec["real"]), convert(spec["synthetic"])))
    per_column = []
    for name, kind, real, syn in prepared:
        row = {"column": name, "type": kind}
        row.update(_numeric(real, syn) if kind in NUMERIC_KINDS else _categorical(real, syn))
        per_column.append(row)
    medians = {}
    for signal in NUMERIC_SIGNALS + CATEGORICAL_SIGNALS:
        kept = [c[signal] for c in per_column if c.get(signal) is not None]
        medians[signal] = float(np.median(kept)) if kept else None
    return {"columns": per_column, "medians": medians, "duplicate_rate": _duplicate_rate(prepared)}
