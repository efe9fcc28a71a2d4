# Generates the fixtures for QualityAgainstNumpyTest. Run from the repository root:
#   python3 ml-services/src/test/resources/validation/quality/make_fixtures.py
# For each dataset below it writes <name>.json next to this script: the columns as the data service
# sends them (name, ingest type, values: numbers with null where missing for integer, float,
# datetime and boolean columns, strings with null where missing for categorical and text ones) and,
# under "expected", the quality section computed here with numpy and plain Python sets, the
# reference the Java code is held to. Commit the JSON files.
# Seeded: re-running it rewrites the same bytes.
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NUMERIC_TYPES = ("integer", "float", "datetime", "boolean")
HIGH_MISSING = 0.20
HIGH_DUPLICATES = 0.01
EPOCH_2020 = 1577836800.0
DAY = 86400.0


def holes(rng, values, share):
    """Numbers with a share of them missing (NaN)."""
    values = np.asarray(values, dtype=float).copy()
    values[rng.random(values.size) < share] = np.nan
    return values


def string_holes(rng, values, share):
    """Strings with a share of them missing (None)."""
    return [None if rng.random() < share else str(v) for v in values]


def is_missing(kind, value):
    return np.isnan(value) if kind in NUMERIC_TYPES else value is None


def distinct(kind, values):
    if kind in NUMERIC_TYPES:
        present = np.asarray(values, dtype=float)
        # np.unique compares with ==, so -0.0 and 0.0 are one value.
        return int(np.unique(present[~np.isnan(present)]).size)
    return len({v for v in values if v is not None})


def cell(kind, value):
    """A cell as a set key: missing is None; -0.0 == 0.0 and both hash alike in Python."""
    if kind in NUMERIC_TYPES:
        return None if np.isnan(value) else float(value)
    return value


def percent(share):
    return f"{100 * share:.1f}%"


def quality(columns):
    """The quality section, as ml/stats/quality/Quality.java documents it."""
    rows = len(next(iter(columns.values()))["values"])
    per_column, constant, column_issues = [], [], []
    missing_cells = 0
    for name, spec in columns.items():
        kind, values = spec["type"], spec["values"]
        missing = sum(1 for v in values if is_missing(kind, v))
        count = distinct(kind, values)
        missing_cells += missing
        share = missing / rows
        per_column.append({"column": name, "type": kind, "missing": share, "distinct": count,
                           "constant": count <= 1})
        if share > HIGH_MISSING:
            column_issues.append({"code": "high-missing", "column": name,
                                  "message": f"column '{name}' is {percent(share)} missing"})
        if count <= 1:
            constant.append(name)
            finding = "has no value at all" if count == 0 else "holds a single value"
            column_issues.append({"code": "constant-column", "column": name,
                                  "message": f"column '{name}' {finding}"})
    table = [tuple(cell(spec["type"], spec["values"][row]) for spec in columns.values())
             for row in range(rows)]
    duplicates = rows - len(set(table))
    duplicate_rate = duplicates / rows
    missing_rate = missing_cells / (rows * len(columns))
    issues = []
    if duplicate_rate > HIGH_DUPLICATES:
        issues.append({"code": "duplicate-rows", "message":
                       f"{duplicates} rows ({percent(duplicate_rate)}) repeat an earlier row"})
    issues.extend(column_issues)
    return {
        "score": (1 - missing_rate) * (1 - duplicate_rate) * (1 - len(constant) / len(columns)),
        "rows": rows,
        "columns": len(columns),
        "missing_rate": missing_rate,
        "duplicate_rows": duplicates,
        "duplicate_rate": duplicate_rate,
        "constant_columns": constant,
        "per_column": per_column,
        "issues": issues,
    }


def repeat_rows(columns, order):
    """The same columns with their rows taken in `order` (repeats make duplicate rows)."""
    out = {}
    for name, spec in columns.items():
        values = spec["values"]
        picked = (np.asarray(values, dtype=float)[order] if spec["type"] in NUMERIC_TYPES
                  else [values[i] for i in order])
        out[name] = {"type": spec["type"], "values": picked}
    return out


def mixed():
    """Missing values, a highly missing column, constant and empty columns, duplicate rows."""
    rng = np.random.default_rng(20260101)
    n = 50
    cities = ["Paris", "Berlin", "Rome", "Madrid"]
    base = {
        "age": {"type": "integer", "values": holes(rng, rng.integers(18, 80, n), 0.1)},
        "income": {"type": "float",
                   "values": holes(rng, np.round(rng.lognormal(10, 0.5, n), 2), 0.35)},
        "city": {"type": "categorical",
                 "values": string_holes(rng, rng.choice(cities, n), 0.08)},
        "member": {"type": "boolean", "values": holes(rng, rng.integers(0, 2, n), 0.05)},
        "joined": {"type": "datetime",
                   "values": EPOCH_2020 + rng.integers(0, 700, n) * DAY},
        "plan": {"type": "categorical", "values": ["basic"] * n},
        # -0.0 and 0.0 are one value, and rows differing only by them are duplicates.
        "delta": {"type": "float", "values": rng.choice([-0.0, 0.0, 1.5], n)},
        "empty": {"type": "float", "values": np.full(n, np.nan)},
        "note": {"type": "text", "values": [f"note {i % 45}" for i in range(n)]},
    }
    order = np.r_[np.arange(n), rng.integers(0, n, 12)]
    table = repeat_rows(base, order)
    # The repeated rows carry their zeros with the other sign: still the same rows.
    repeated = table["delta"]["values"][n:]
    repeated[repeated == 0] = -repeated[repeated == 0]
    return table


def clean():
    """Complete, distinct rows, no constant column: nothing to report, a score of 1."""
    rng = np.random.default_rng(7)
    n = 30
    return {
        "id": {"type": "integer", "values": np.arange(n, dtype=float)},
        "value": {"type": "float", "values": rng.normal(0, 1, n)},
        "grade": {"type": "categorical", "values": list(rng.choice(["a", "b", "c"], n))},
    }


def copies():
    """One row, missing value included, repeated: every column constant, almost all duplicates."""
    return {
        "x": {"type": "float", "values": np.full(20, 2.5)},
        "y": {"type": "integer", "values": np.full(20, np.nan)},
        "label": {"type": "categorical", "values": ["same"] * 20},
    }


def as_json(columns):
    out = []
    for name, spec in columns.items():
        if spec["type"] in NUMERIC_TYPES:
            values = [None if np.isnan(v) else float(v) for v in spec["values"]]
        else:
            values = [None if v is None else str(v) for v in spec["values"]]
        out.append({"name": name, "type": spec["type"], "values": values})
    return out


for name, build in (("mixed", mixed), ("clean", clean), ("copies", copies)):
    columns = build()
    document = {"dataset": name, "columns": as_json(columns), "expected": quality(columns)}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
