# Generates the numpy-checked fixtures for ProfileAgainstNumpyTest. Run from the repository root:
#   python3 ml-services/src/test/resources/ingest/make_fixtures.py
# It rewrites profile_fixture.csv and profile_expected.json next to this script; commit both.
import csv
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 5000
rng = np.random.default_rng(20240131)

ints = rng.integers(-1000, 1000, ROWS)
normal = rng.normal(1e6, 250.0, ROWS)  # large offset: checks the stability of the variance
skewed = rng.lognormal(0.0, 1.5, ROWS)
colours = rng.choice(["red", "green", "blue", "teal", "ochre"], ROWS, p=[0.4, 0.3, 0.15, 0.1, 0.05])
start = np.datetime64("2020-01-01T00:00:00")
seconds = rng.integers(0, 4 * 365 * 86400, ROWS)
stamps = start + seconds.astype("timedelta64[s]")

MISSING = ["", "NA", "null", "NaN", "None", "n/a"]
def holes():
    mask = rng.random(ROWS) < 0.03
    return mask

columns = {
    "ints": (ints.astype(float), holes(), lambda v: str(int(v))),
    "normal": (normal, holes(), lambda v: repr(float(v))),
    "skewed": (skewed, holes(), lambda v: repr(float(v))),
    "stamp": (seconds.astype(float) + (start - np.datetime64("1970-01-01T00:00:00")).astype(int),
              holes(), None),
}
colour_missing = holes()

with open(os.path.join(HERE, "profile_fixture.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(list(columns) + ["colour"])
    for i in range(ROWS):
        row = []
        for name, (values, mask, fmt) in columns.items():
            if mask[i]:
                row.append(MISSING[i % len(MISSING)])
            elif name == "stamp":
                row.append(str(stamps[i]).replace("T", " "))
            else:
                row.append(fmt(values[i]))
        row.append(MISSING[i % len(MISSING)] if colour_missing[i] else colours[i])
        w.writerow(row)

expected = {"rows": ROWS, "columns": {}}
for name, (values, mask, _) in columns.items():
    v = values[~mask]
    hist, edges = np.histogram(v, bins=20, range=(v.min(), v.max()))
    expected["columns"][name] = {
        "count": int(v.size),
        "missing": int(mask.sum()),
        "distinct": int(np.unique(v).size),
        "mean": float(np.mean(v)),
        "std": float(np.std(v, ddof=1)),
        "min": float(v.min()),
        "max": float(v.max()),
        "percentiles": {f"p{p}": float(np.percentile(v, p, method="linear"))
                        for p in (1, 5, 25, 50, 75, 95, 99)},
        "histogram_edges": [float(e) for e in edges],
        "histogram_counts": [int(c) for c in hist],
    }
kept = colours[~colour_missing]
names, counts = np.unique(kept, return_counts=True)
expected["columns"]["colour"] = {
    "count": int(kept.size),
    "missing": int(colour_missing.sum()),
    "value_counts": {str(n): int(c) for n, c in zip(names, counts)},
}
with open(os.path.join(HERE, "profile_expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")
