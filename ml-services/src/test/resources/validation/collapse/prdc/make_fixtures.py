"""Writes the PRDC fixtures: seeded inputs plus the numpy reference's expected figures.

Run from anywhere with python3 (numpy needed); re-running rewrites the same bytes.
Each <case>.json holds "columns" (real/synthetic values; null = missing number, -1 = missing code)
and "expected": {"k1": {...}, "k3": {...}, "k5": {...}} from bench/reference/prdc_reference.py.

Numbers other than in "continuous" lie on grids whose real range is a power of two, so every
distance is exact in both implementations and ties compare the same way in each.
"""

import json
import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[6] / "bench" / "reference"))
import prdc_reference  # noqa: E402

NUMERIC_KINDS = ("NUMERIC", "DATETIME")
KS = (1, 3, 5)


def numeric(name, real, synthetic, kind="NUMERIC"):
    return {"name": name, "kind": kind, "categories": [], "real": real, "synthetic": synthetic}


def coded(name, categories, real, synthetic, kind="CATEGORICAL"):
    return {"name": name, "kind": kind, "categories": categories, "real": real,
            "synthetic": synthetic}


def with_missing(rng, values, share):
    values = np.array(values, dtype=float)
    values[rng.random(values.size) < share] = np.nan
    return values


def codes_with_missing(rng, values, share):
    values = np.array(values, dtype=np.int64)
    values[rng.random(values.size) < share] = -1
    return values


def grid_rows(rng, n, missing):
    """amount on 0..32 in halves, stamp on a 1024-second grid, colour, flag."""
    amount = rng.integers(0, 65, n) / 2.0
    amount[:2] = [0.0, 32.0]
    stamp = 1_600_000_000 + 1024.0 * rng.integers(0, 9, n)
    stamp[:2] = [1_600_000_000, 1_600_000_000 + 8 * 1024.0]
    return [
        with_missing(rng, amount, missing),
        with_missing(rng, stamp, missing),
        codes_with_missing(rng, rng.integers(0, 4, n), missing),
        codes_with_missing(rng, rng.integers(0, 2, n), missing),
    ]


def grid_columns(real, synthetic):
    return [
        numeric("amount", real[0], synthetic[0]),
        numeric("stamp", real[1], synthetic[1], kind="DATETIME"),
        coded("colour", ["red", "green", "blue", "grey"], real[2], synthetic[2]),
        coded("flag", ["false", "true"], real[3], synthetic[3], kind="BOOLEAN"),
    ]


def case_mixed():
    """Grid values with 10% missing everywhere: many exact ties between distances."""
    rng = np.random.default_rng(11)
    return grid_columns(grid_rows(rng, 60, 0.1), grid_rows(rng, 45, 0.1))


def case_continuous():
    """Three normal columns, synthetic shifted and wider: no ties."""
    rng = np.random.default_rng(12)
    real = [rng.normal(0, 1, 80) for _ in range(3)]
    synthetic = [rng.normal(0.5, 1.5, 70) for _ in range(3)]
    return [numeric(f"x{j}", real[j], synthetic[j]) for j in range(3)]


def case_identical():
    """Synthetic is a copy of real with no duplicate rows: precision = recall = coverage = 1."""
    rng = np.random.default_rng(13)
    real = [rng.normal(0, 1, 40) for _ in range(2)]
    colour = rng.integers(0, 3, 40)
    return [numeric("x0", real[0], real[0].copy()), numeric("x1", real[1], real[1].copy()),
            coded("colour", ["a", "b", "c"], colour, colour.copy())]


def case_duplicates():
    """Synthetic is a copy of real whose rows come in identical pairs or triples, plus a constant
    column (compared by equality) and a missing-only stretch: radii of 0 at small k, so the strict
    inequality leaves those rows outside every ball."""
    rng = np.random.default_rng(14)
    base = rng.integers(0, 5, 12)
    repeat = np.array([2, 3] * 6)
    code = np.repeat(base, repeat)
    amount = np.repeat(rng.integers(0, 9, 12) * 2.0, repeat)
    amount[:2] = [0.0, 16.0]
    amount[-3:] = np.nan
    constant = np.full(code.size, 7.0)
    return [numeric("amount", amount, amount.copy()),
            numeric("constant", constant, constant.copy()),
            coded("code", ["a", "b", "c", "d", "e"], code, code.copy())]


CASES = {"mixed": case_mixed, "continuous": case_continuous, "identical": case_identical,
         "duplicates": case_duplicates}


def as_json(values, kind):
    if kind in NUMERIC_KINDS:
        return [None if np.isnan(v) else float(v) for v in values]
    return [int(v) for v in values]


def main():
    for name, make in CASES.items():
        columns = make()
        clean = []
        for column in columns:
            clean.append({**column,
                          "real": as_json(column["real"], column["kind"]),
                          "synthetic": as_json(column["synthetic"], column["kind"])})
        expected = {f"k{k}": prdc_reference.prdc(clean, k) for k in KS}
        text = json.dumps({"columns": clean, "expected": expected}, indent=1, sort_keys=True)
        (HERE / f"{name}.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
