"""Writes the privacy fixtures: seeded inputs plus the numpy reference's expected figures.

Run from anywhere with python3 (numpy needed); re-running rewrites the same bytes.
Each <case>.json holds "columns" (real/synthetic/holdout values; null = missing number, -1 =
missing code), "baseline" (the random rows to measure, one list per column) and "expected" (the
privacy section from bench/reference/privacy_reference.py).
"""

import json
import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[5] / "bench" / "reference"))
import privacy_reference  # noqa: E402

NUMERIC_KINDS = ("NUMERIC", "DATETIME")


def numeric(name, real, synthetic, holdout=None, kind="NUMERIC"):
    return {"name": name, "kind": kind, "categories": [], "real": real, "synthetic": synthetic,
            "holdout": holdout}


def coded(name, categories, real, synthetic, holdout=None, kind="CATEGORICAL"):
    return {"name": name, "kind": kind, "categories": categories, "real": real,
            "synthetic": synthetic, "holdout": holdout}


def with_missing(rng, values, share):
    values = np.array(values, dtype=float)
    values[rng.random(values.size) < share] = np.nan
    return values


def codes_with_missing(rng, values, share):
    values = np.array(values, dtype=np.int64)
    values[rng.random(values.size) < share] = -1
    return values


def mixed_columns(rng, n, rounding=None):
    """Four raw columns: normal number, datetime, categorical, boolean."""
    number = rng.normal(50, 10, n)
    if rounding is not None:
        number = np.round(number, rounding)
    stamp = 1_600_000_000 + rng.integers(0, 86_400 * 30, n).astype(float)
    colour = rng.integers(0, 4, n)
    flag = rng.integers(0, 2, n)
    return [number, stamp, colour, flag]


def mixed(rng, real, synthetic, holdout=None, missing=0.1):
    def side(values, column):
        if values is None:
            return None
        if column < 2:
            return with_missing(rng, values[column], missing)
        return codes_with_missing(rng, values[column], missing)

    return [
        numeric("amount", side(real, 0), side(synthetic, 0), side(holdout, 0)),
        numeric("stamp", side(real, 1), side(synthetic, 1), side(holdout, 1), kind="DATETIME"),
        coded("colour", ["red", "green", "blue", "grey"], side(real, 2), side(synthetic, 2),
              side(holdout, 2)),
        coded("flag", ["false", "true"], side(real, 3), side(synthetic, 3), side(holdout, 3),
              kind="BOOLEAN"),
    ]


def copy_rows(target, source, rows_from, rows_to, scale=None):
    for t, s in zip(target, source):
        t[rows_to] = s[rows_from]
    if scale is not None:
        target[0][rows_to] = source[0][rows_from] * scale


def baseline_for(rng, columns, rows):
    out = []
    for column in columns:
        real = np.asarray(column["real"], dtype=float)
        if column["kind"] in NUMERIC_KINDS:
            present = real[~np.isnan(real)]
            out.append(rng.uniform(present.min(), present.max(), rows))
        else:
            codes = np.unique(real[real >= 0]).astype(np.int64)
            out.append(rng.choice(codes, rows))
    return out


def case_mixed(rng):
    real = mixed_columns(rng, 60, rounding=0)
    synthetic = mixed_columns(rng, 50, rounding=0)
    copy_rows(synthetic, real, np.arange(10), np.arange(10))  # exact copies, before missing
    copy_rows(synthetic, real, np.arange(10, 15), np.arange(10, 15), scale=1.004)  # within 1%
    copy_rows(synthetic, real, np.arange(15, 18), np.arange(15, 18), scale=1.05)  # not within
    real[0][20:24] = real[0][16]  # duplicated numbers: ties
    return mixed(rng, real, synthetic, missing=0.08)


def case_constant(rng):
    columns = mixed(rng, mixed_columns(rng, 40), mixed_columns(rng, 35), missing=0.1)
    constant = np.full(40, 7.0)
    constant[[3, 9]] = np.nan
    synthetic = np.full(35, 7.0)
    synthetic[[0, 5, 6]] = [7.5, np.nan, 6.0]
    columns.insert(1, numeric("constant", constant, synthetic))
    return columns


def case_copied(rng):
    real = mixed_columns(rng, 45)
    columns = mixed(rng, real, real, missing=0.1)
    for column in columns:
        column["synthetic"] = column["real"].copy()
    return columns


def case_holdout(rng):
    real = mixed_columns(rng, 70)
    holdout = mixed_columns(rng, 40)
    synthetic = mixed_columns(rng, 60)
    copy_rows(synthetic, real, np.arange(15), np.arange(15))  # memorised rows
    copy_rows(synthetic, holdout, np.arange(5), np.arange(15, 20))  # rows seen in holdout only
    copy_rows(holdout, real, np.arange(20, 24), np.arange(10, 14))  # shared: exact ties at 0
    copy_rows(synthetic, real, np.arange(20, 24), np.arange(20, 24))
    return mixed(rng, real, synthetic, holdout, missing=0.0)


def case_single_real(rng):
    return mixed(rng, mixed_columns(rng, 1), mixed_columns(rng, 12), missing=0.0)


def case_categorical(rng):
    real = [rng.integers(0, 3, 50), rng.integers(0, 2, 50)]
    synthetic = [rng.integers(0, 3, 40), rng.integers(0, 2, 40)]
    return [
        coded("size", ["s", "m", "l"], codes_with_missing(rng, real[0], 0.1),
              codes_with_missing(rng, synthetic[0], 0.1)),
        coded("yes", ["no", "yes"], real[1], synthetic[1], kind="BOOLEAN"),
    ]


def case_blocks(rng):
    """More rows than one Java block (128), eight columns."""
    real = mixed_columns(rng, 300) + mixed_columns(rng, 300)
    synthetic = mixed_columns(rng, 260) + mixed_columns(rng, 260)
    copy_rows(synthetic, real, np.arange(30), np.arange(30))
    first = mixed(rng, real[:4], synthetic[:4], missing=0.05)
    second = mixed(rng, real[4:], synthetic[4:], missing=0.05)
    for column in second:
        column["name"] += "_2"
    return first + second


CASES = {
    "mixed": (case_mixed, "mixed kinds, missing values, copies, near copies, tied numbers"),
    "constant": (case_constant, "a numeric column whose real values are constant"),
    "copied": (case_copied, "synthetic is a copy of real"),
    "holdout": (case_holdout, "with a holdout, memorised rows and real rows shared with it"),
    "single_real": (case_single_real, "one real row: no NNDR"),
    "categorical": (case_categorical, "categorical only: many ties and 0/0 NNDR ratios"),
    "blocks": (case_blocks, "several query blocks and eight columns"),
}


def to_json_values(column, values):
    if values is None:
        return None
    if column["kind"] in NUMERIC_KINDS:
        return [None if np.isnan(v) else float(v) for v in values]
    return [int(v) for v in values]


def check_ties(columns, extra):
    """Ties between real and holdout distances must not hinge on rounding: every tie is at a row
    present in both datasets, so Java computes the two distances from the same numbers."""
    to_holdout = extra["to_holdout"]
    if to_holdout is None:
        return
    to_real = extra["to_real"]
    near = np.abs(to_real - to_holdout) < 1e-9
    assert not (near & (to_real != to_holdout)).any(), "a near tie that is not exact"
    tied = np.where(to_real == to_holdout)[0]
    if tied.size == 0:
        return
    kinds = [c["kind"] for c in columns]
    real = privacy_reference._as_arrays(columns, "real")
    holdout = privacy_reference._as_arrays(columns, "holdout")
    ranges = privacy_reference._ranges([dict(c, real=r) for c, r in zip(columns, real)])
    real_rows = {json.dumps(to_json_values_row(real, i)) for i in range(len(real[0]))}
    shared = [i for i in range(len(holdout[0]))
              if json.dumps(to_json_values_row(holdout, i)) in real_rows]
    assert shared, "ties without rows shared by real and holdout"
    shared_rows = [h[shared] for h in holdout]
    synthetic = [s[tied] for s in privacy_reference._as_arrays(columns, "synthetic")]
    to_shared, _ = privacy_reference.nearest_two(synthetic, shared_rows, kinds, ranges)
    assert (to_shared == to_real[tied]).all(), "a tie not explained by a shared row"


def to_json_values_row(arrays, row):
    return [None if isinstance(a[row], float) and np.isnan(a[row]) else float(a[row])
            for a in arrays]


def main():
    for index, (name, (build, description)) in enumerate(CASES.items()):
        rng = np.random.default_rng(1000 + index)
        columns = build(rng)
        synthetic_rows = len(columns[0]["synthetic"])
        baseline = baseline_for(rng, columns, synthetic_rows)
        for column in columns:
            for side in ("real", "synthetic", "holdout"):
                column[side] = to_json_values(column, column[side])
        baseline = [to_json_values(c, b) for c, b in zip(columns, baseline)]
        expected, extra = privacy_reference.privacy({"columns": columns}, baseline)
        check_ties(columns, extra)
        fixture = {
            "description": description,
            "columns": columns,
            "baseline": baseline,
            "expected": expected,
        }
        path = HERE / f"{name}.json"
        path.write_text(json.dumps(fixture, indent=1, sort_keys=True) + "\n")
        print(path.name, json.dumps(expected, sort_keys=True))


if __name__ == "__main__":
    main()
