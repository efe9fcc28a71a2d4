# Generates the fixtures for FidelityAgainstScipyTest. Run from the repository root:
#   python3 ml-services/src/test/resources/validation/fidelity/make_fixtures.py
# For each dataset below it writes <name>.json next to this script: the columns (real and synthetic
# values; numbers with null where missing, codes with -1 where missing) and, under "expected", the
# fidelity section computed by bench/reference/fidelity_reference.py, each column shape with the
# distribution a report page plots, computed here with numpy.histogram. Commit the JSON files.
# Seeded: re-running it rewrites the same bytes.
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "reference"))
from fidelity_reference import fidelity  # noqa: E402

DAY = 86400.0
EPOCH_2020 = 1577836800.0


def holes(rng, values, share):
    """Numbers with a share of them missing (NaN)."""
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


def mixed():
    rng = np.random.default_rng(20250101)
    n, m = 400, 350
    colours = ["red", "green", "blue", "teal", "ochre", "mauve"]
    base_real = rng.normal(0, 1, n)
    base_syn = rng.normal(0.1, 1.1, m)
    return {
        "normal": numeric("numeric", holes(rng, 50 + 10 * base_real, 0.05),
                          holes(rng, 51 + 11 * base_syn, 0.02)),
        "lognormal": numeric("numeric", rng.lognormal(0, 1.2, n),
                             holes(rng, rng.lognormal(0.1, 1.0, m), 0.1)),
        "uniform": numeric("numeric", holes(rng, 3 * base_real + rng.uniform(-5, 5, n), 0.03),
                           rng.uniform(-6, 6, m)),
        "discrete": numeric("numeric", rng.integers(0, 8, n).astype(float),
                            holes(rng, rng.integers(1, 9, m).astype(float), 0.04)),
        "signup": numeric("datetime",
                          holes(rng, EPOCH_2020 + rng.integers(0, 730, n) * DAY, 0.02),
                          EPOCH_2020 + rng.integers(30, 760, m) * DAY + rng.integers(0, 86400, m)),
        "active": categorical("boolean", ["false", "true"],
                              coded(rng, 2, n, [0.3, 0.7], 0.05), coded(rng, 2, m, [0.4, 0.6])),
        # "mauve" only in the synthetic data, "ochre" only in the real data.
        "colour": categorical("categorical", colours,
                              coded(rng, len(colours), n, [0.4, 0.3, 0.15, 0.1, 0.05, 0.0], 0.08),
                              coded(rng, len(colours), m, [0.35, 0.3, 0.2, 0.1, 0.0, 0.05])),
    }


def ties():
    rng = np.random.default_rng(7)
    n, m = 250, 300
    small = np.array([0.0, 0.5, 1.0, 1.0, 2.5])
    return {
        "steps": numeric("numeric", rng.choice(small, n), rng.choice(small + 0.5, m)),
        "half": numeric("numeric", np.round(rng.normal(0, 2, n) * 2) / 2,
                        holes(rng, np.round(rng.normal(0.2, 2, m) * 2) / 2, 0.1)),
        # Values sitting exactly on the bin edges of the real data: checks right-closed bins.
        "edges": numeric("numeric", rng.integers(0, 11, n).astype(float),
                         rng.integers(-2, 13, m).astype(float)),
        "grade": categorical("categorical", ["a", "b", "c"],
                             coded(rng, 3, n, [0.5, 0.3, 0.2]), coded(rng, 3, m, [0.5, 0.3, 0.2])),
    }


def degenerate():
    rng = np.random.default_rng(99)
    n, m = 60, 45
    return {
        "constant": numeric("numeric", np.full(n, 0.1), np.full(m, 0.1)),
        "varying": numeric("numeric", rng.normal(0, 1, n), rng.normal(0, 1, m)),
        "empty_synthetic": numeric("numeric", rng.normal(5, 1, n), np.full(m, np.nan)),
        "empty_real": numeric("numeric", np.full(n, np.nan), rng.uniform(-1, 2, m)),
        "mostly_missing": numeric("datetime",
                                  np.where(np.arange(n) == 3, EPOCH_2020, np.nan),
                                  np.where(np.arange(m) < 2, EPOCH_2020 + DAY, np.nan)),
        "single": categorical("categorical", ["only"], np.zeros(n, dtype=int),
                              np.zeros(m, dtype=int)),
        "no_codes": categorical("categorical", ["x", "y"], np.full(n, -1), coded(rng, 2, m, [0.5, 0.5])),
        "flag": categorical("boolean", ["false", "true"], coded(rng, 2, n, [0.5, 0.5], 0.2),
                            coded(rng, 2, m, [0.9, 0.1], 0.0)),
    }


def tiny():
    return {
        "x": numeric("numeric", np.array([1.5]), np.array([2.0, np.nan, 1.5])),
        "y": numeric("numeric", np.array([-3.0]), np.array([4.0, 4.0, 5.0])),
        "when": numeric("datetime", np.array([EPOCH_2020]), np.array([EPOCH_2020, EPOCH_2020 + DAY, np.nan])),
        "kind": categorical("categorical", ["p", "q"], np.array([1]), np.array([0, 1, -1])),
    }


def wide():
    """More categories than a distribution lists, ties in the real counts, synthetic values beyond
    the real range on both sides and on its edges, and a constant real column."""
    rng = np.random.default_rng(31)
    n, m = 500, 420
    names = [f"c{i:02d}" for i in range(30)]
    # Twos of equal weight, so tied real counts are likely; c29 is only ever synthetic.
    weights = np.repeat(np.arange(15, 0, -1), 2).astype(float)
    weights[-1] = 0.0
    syn_weights = np.ones(30)
    real_edges = np.linspace(-4.0, 6.0, 21)
    return {
        "city": categorical("categorical", names,
                            coded(rng, 30, n, weights / weights.sum(), 0.05),
                            coded(rng, 30, m, syn_weights / syn_weights.sum(), 0.02)),
        "spread": numeric("numeric",
                          np.concatenate([[-4.0, 6.0], rng.normal(1, 2, n - 2).clip(-4, 6)]),
                          np.concatenate([real_edges, rng.normal(1.5, 3, m - 21)])),
        "level": numeric("numeric", holes(rng, np.full(n, 2.5), 0.1),
                         np.round(rng.normal(2.5, 0.5, m) * 2) / 2),
        "seen": numeric("datetime", EPOCH_2020 + rng.integers(0, 400, n) * DAY,
                        EPOCH_2020 + rng.integers(-30, 430, m) * DAY),
        "active": categorical("boolean", ["false", "true"], coded(rng, 2, n, [0.5, 0.5]),
                              coded(rng, 2, m, [0.8, 0.2])),
    }


HISTOGRAM_BINS = 20
TOP_CATEGORIES = 20


def distribution(spec):
    """What Fidelity adds to a column shape to plot: None without values on either side."""
    if "categories" in spec:
        real, syn = np.asarray(spec["real"]), np.asarray(spec["synthetic"])
        real, syn = real[real >= 0], syn[syn >= 0]
        if real.size == 0 or syn.size == 0:
            return None
        names = spec["categories"]
        seen = [c for c in range(len(names)) if np.any(real == c) or np.any(syn == c)]
        ranked = sorted(seen, key=lambda c: (-int(np.count_nonzero(real == c)), names[c]))
        top = ranked[:TOP_CATEGORIES]
        shown_real = [np.count_nonzero(real == c) / real.size for c in top]
        shown_syn = [np.count_nonzero(syn == c) / syn.size for c in top]
        return {
            "kind": "categories",
            "categories": [names[c] for c in top],
            "real": [float(f) for f in shown_real],
            "synthetic": [float(f) for f in shown_syn],
            "other_real": float(np.count_nonzero(~np.isin(real, top)) / real.size),
            "other_synthetic": float(np.count_nonzero(~np.isin(syn, top)) / syn.size),
        }
    real = np.asarray(spec["real"], dtype=float)
    syn = np.asarray(spec["synthetic"], dtype=float)
    real, syn = real[~np.isnan(real)], syn[~np.isnan(syn)]
    if real.size == 0 or syn.size == 0:
        return None
    low, high = real.min(), real.max()
    if low == high:
        # A constant real column: one bin [low, low], not numpy's invented [low - 0.5, low + 0.5].
        real_counts, edges = np.histogram(real, bins=[low, high])
        syn_counts, _ = np.histogram(syn, bins=[low, high])
    else:
        real_counts, edges = np.histogram(real, bins=HISTOGRAM_BINS)
        # numpy drops the values outside range= from the bins, as the distribution does.
        syn_counts, _ = np.histogram(syn, bins=HISTOGRAM_BINS, range=(low, high))
    return {
        "kind": "histogram",
        "edges": [float(e) for e in edges],
        "real": [float(c / real.size) for c in real_counts],
        "synthetic": [float(c / syn.size) for c in syn_counts],
        "synthetic_below": float(np.count_nonzero(syn < low) / syn.size),
        "synthetic_above": float(np.count_nonzero(syn > high) / syn.size),
    }


def expected(columns):
    section = fidelity(columns)
    for shape in section["column_shapes"]["columns"]:
        plotted = distribution(columns[shape["column"]])
        if plotted is not None:
            shape["distribution"] = plotted
    return section


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


DATASETS = (("mixed", mixed), ("ties", ties), ("degenerate", degenerate), ("tiny", tiny),
            ("wide", wide))
for name, build in DATASETS:
    columns = build()
    for spec in columns.values():
        spec["real"], spec["synthetic"] = list(spec["real"]), list(spec["synthetic"])
    document = {"dataset": name, "columns": as_json(columns), "expected": expected(columns)}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
