# Generates the fixtures for ColumnSignalsAgainstNumpyTest. Run from the repository root:
#   python3 ml-services/src/test/resources/validation/collapse/signals/make_fixtures.py
# For each dataset below it writes <name>.json next to this script: the columns (real and synthetic
# values; numbers with null where missing, codes with -1 where missing) and, under "expected", the
# signals computed by bench/reference/collapse_signals_reference.py. Commit the JSON files.
# Seeded: re-running it rewrites the same bytes.
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "reference"))
from collapse_signals_reference import signals  # noqa: E402

DAY = 86400.0
EPOCH_2020 = 1577836800.0


def holes(rng, values, share):
    values = np.asarray(values, dtype=float).copy()
    values[rng.random(values.size) < share] = np.nan
    return values


def coded(rng, count, size, p, share=0.0):
    codes = rng.choice(count, size, p=p)
    codes[rng.random(size) < share] = -1
    return codes


def numeric(kind, real, synthetic):
    return {"kind": kind, "real": real, "synthetic": synthetic}


def categorical(kind, categories, real, synthetic):
    return {"kind": kind, "categories": categories, "real": real, "synthetic": synthetic}


def healthy():
    """A synthetic generation drawn from the same distributions as the reference."""
    rng = np.random.default_rng(101)
    n, m = 500, 450
    return {
        "normal": numeric("numeric", rng.normal(10, 3, n), rng.normal(10, 3, m)),
        "signup": numeric("datetime", EPOCH_2020 + rng.integers(0, 730, n) * DAY,
                          EPOCH_2020 + rng.integers(0, 730, m) * DAY),
        "grade": categorical("categorical", ["a", "b", "c", "d"],
                             coded(rng, 4, n, [0.4, 0.3, 0.2, 0.1]),
                             coded(rng, 4, m, [0.4, 0.3, 0.2, 0.1])),
        "active": categorical("boolean", ["false", "true"], coded(rng, 2, n, [0.3, 0.7]),
                              coded(rng, 2, m, [0.3, 0.7])),
    }


def collapsed():
    """Trimmed tails, shrunk variance, dropped rare categories, missing values, duplicates."""
    rng = np.random.default_rng(202)
    n, m = 600, 400
    labels = [f"c{i}" for i in range(12)]
    p = np.array([0.3, 0.25, 0.2, 0.1, 0.06, 0.04, 0.02, 0.012, 0.005, 0.004, 0.003, 0.006])
    p = p / p.sum()
    real_income = rng.lognormal(10, 0.8, n)
    low, high = np.percentile(real_income, [5, 95])
    base = rng.normal(0, 1, m // 2)
    return {
        "trimmed": numeric("numeric", holes(rng, real_income, 0.05),
                           holes(rng, np.clip(rng.lognormal(10, 0.8, m), low, high), 0.03)),
        "shrunk": numeric("numeric", holes(rng, rng.normal(0, 5, n), 0.1),
                          np.concatenate([base * 2, base * 2])),
        "rounded": numeric("numeric", np.round(rng.normal(50, 10, n)),
                           np.concatenate([np.round(base * 3 + 50)] * 2)),
        "city": categorical("categorical", labels, coded(rng, 12, n, p, 0.04),
                            coded(rng, 12, m, np.r_[p[:6], np.zeros(6)] / p[:6].sum(), 0.1)),
        "flag": categorical("boolean", ["false", "true"], coded(rng, 2, n, [0.5, 0.5], 0.1),
                            coded(rng, 2, m, [0.95, 0.05])),
    }


def degenerate():
    """Constant columns, empty sides, tiny samples: every null branch."""
    rng = np.random.default_rng(303)
    n, m = 80, 60
    return {
        "constant": numeric("numeric", np.full(n, 2.5), rng.normal(2.5, 1, m)),
        "constant_syn": numeric("numeric", rng.normal(0, 1, n), np.full(m, -0.0)),
        "empty_real": numeric("numeric", np.full(n, np.nan), rng.normal(0, 1, m)),
        "empty_syn": numeric("datetime", EPOCH_2020 + rng.integers(0, 10, n) * DAY,
                             np.full(m, np.nan)),
        "one_syn": numeric("numeric", rng.normal(0, 1, n), np.where(np.arange(m) == 0, 1.0, np.nan)),
        "single": categorical("categorical", ["only", "other"], np.zeros(n, dtype=int),
                              coded(rng, 2, m, [0.5, 0.5])),
        "no_codes": categorical("categorical", ["x", "y"], np.full(n, -1),
                                coded(rng, 2, m, [0.5, 0.5])),
    }


def duplicates():
    """Synthetic rows repeated, missing values included; some rare categories kept."""
    rng = np.random.default_rng(404)
    n, block = 300, 40
    a = holes(rng, np.round(rng.normal(0, 1, block), 1), 0.2)
    b = coded(rng, 5, block, [0.3, 0.3, 0.3, 0.05, 0.05], 0.2)
    repeats = rng.integers(0, block, 70)
    # k3..k7 once each (rare, under 1%): k3 and k5 survive in the synthetic data.
    real_c = coded(rng, 9, n, [0.5, 0.3, 0.19, 0, 0, 0, 0, 0, 0.01])
    real_c[:5] = [3, 4, 5, 6, 7]
    return {
        "a": numeric("numeric", rng.normal(0, 1, n), np.r_[a, a[repeats]]),
        "b": categorical("categorical", ["p", "q", "r", "s", "t"], coded(rng, 5, n, [0.2] * 5),
                         np.r_[b, b[repeats]]),
        "c": categorical("categorical", [f"k{i}" for i in range(9)], real_c,
                         np.r_[[0, 1, 2, 3, 5] * 22]),
    }


def as_json(columns):
    out = []
    for name, spec in columns.items():
        column = {"name": name, "kind": spec["kind"]}
        if "categories" in spec:
            column["categories"] = spec["categories"]
            column["real"] = [int(c) for c in spec["real"]]
            column["synthetic"] = [int(c) for c in spec["synthetic"]]
        else:
            column["real"] = [None if np.isnan(v) else float(v) for v in spec["real"]]
            column["synthetic"] = [None if np.isnan(v) else float(v) for v in spec["synthetic"]]
        out.append(column)
    return out


for name, build in (("healthy", healthy), ("collapsed", collapsed), ("degenerate", degenerate),
                    ("duplicates", duplicates)):
    columns = build()
    for spec in columns.values():
        spec["real"], spec["synthetic"] = list(spec["real"]), list(spec["synthetic"])
    document = {"dataset": name, "columns": as_json(columns), "expected": signals(columns)}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
