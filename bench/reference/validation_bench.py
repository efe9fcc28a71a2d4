"""Times the numpy/scipy references of the fidelity and privacy sections on the columns that
ValidationBench.java wrote, and prints their sections as one JSON object for it to compare.

    python3 bench/reference/validation_bench.py DIR RUNS

DIR holds fidelity/ and privacy/, each with manifest.json and one raw little-endian array per
column and side (real.<i>.f64 | .i32, synthetic.<i>.f64 | .i32).
"""

import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fidelity_reference  # noqa: E402
import privacy_reference  # noqa: E402

# The references take Python lists; these arrays are already NaN-for-missing, so take them as
# they are instead of converting 1M values one by one inside the timed part.
fidelity_reference._numbers = lambda values: np.asarray(values, dtype=float)
privacy_reference._as_arrays = lambda columns, side: [
    np.asarray(c[side], dtype=float if c["kind"] in privacy_reference.NUMERIC_KINDS else np.int64)
    for c in columns
]


def load(directory):
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    columns = []
    for column in manifest:
        numeric = column["kind"] in ("numeric", "datetime")
        suffix = ".f64" if numeric else ".i32"
        dtype = "<f8" if numeric else "<i4"
        sides = {
            side: np.fromfile(os.path.join(directory, f"{side}.{column['index']}{suffix}"), dtype=dtype)
            for side in ("real", "synthetic")
        }
        columns.append(dict(column, **sides))
    return columns


def best(runs, work):
    seconds, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        seconds = min(seconds, time.perf_counter() - start)
    return seconds, result


def main():
    directory, runs = sys.argv[1], int(sys.argv[2])
    big = load(os.path.join(directory, "fidelity"))
    fidelity_input = {
        c["name"]: {"kind": c["kind"], "real": c["real"], "synthetic": c["synthetic"]} for c in big
    }
    fidelity_seconds, fidelity = best(runs, lambda: fidelity_reference.fidelity(fidelity_input))

    small = load(os.path.join(directory, "privacy"))
    dataset = {
        "columns": [
            {"name": c["name"], "kind": c["kind"].upper(), "real": c["real"], "synthetic": c["synthetic"]}
            for c in small
        ]
    }
    # A baseline of the same size, uniform on the real ranges and categories (seeded): timed like
    # the Java side's, not compared number for number (the two draw different random rows).
    rng = np.random.default_rng(0)
    baseline = []
    for c in small:
        rows = len(c["synthetic"])
        if c["kind"] in ("numeric", "datetime"):
            present = c["real"][~np.isnan(c["real"])]
            baseline.append(rng.uniform(present.min(), present.max(), rows))
        else:
            baseline.append(rng.choice(np.unique(c["real"][c["real"] >= 0]), rows))
    start = time.perf_counter()
    privacy, _ = privacy_reference.privacy(dataset, baseline)
    privacy_seconds = time.perf_counter() - start
    for unlike in ("score",):
        privacy.pop(unlike, None)
    privacy["dcr"].pop("median_baseline", None)
    privacy["dcr"].pop("baseline_protection", None)
    print(
        json.dumps(
            {
                "fidelity_seconds": fidelity_seconds,
                "privacy_seconds": privacy_seconds,
                "fidelity": fidelity,
                "privacy": privacy,
            }
        )
    )


if __name__ == "__main__":
    main()
