"""Times an exact, blocked numpy PRDC (Naeem et al. 2020, strict inequalities) on the columns
PrdcBench.java writes, with the row distance of io.synthos.ml.stats.collapse.Prdc: the mean over
columns of min(|a - b| / range_real, 1) for numbers (equality when the real range is 0),
0/1 for categories, missing vs value 1, missing vs missing 0.

Every number is normalised once ((x - min_real) / range_real, missing a far sentinel) and category
codes kept as they are, so that one min(|a - b|, 1) covers every kind; each block of rows is then
compared with all rows of the other set in place. Three scans: real with real (the k-th nearest
other real row), synthetic with synthetic, synthetic with real.

    python3 bench/reference/prdc_bench.py DIR K [BLOCK]

Prints one JSON line: precision, recall, density, coverage and the seconds of the computation.
"""

import json
import os
import sys
import time

import numpy as np

SENTINEL = np.finfo(np.float64).max


def load(directory):
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    real, synthetic = [], []
    for column in manifest:
        numeric = column["kind"] in ("numeric", "datetime")
        suffix, dtype = (".f64", "<f8") if numeric else (".i32", "<i4")
        r, s = (np.fromfile(os.path.join(directory, f"{side}.{column['index']}{suffix}"), dtype=dtype)
                for side in ("real", "synthetic"))
        if numeric:
            present = r[~np.isnan(r)]
            low, high = (present.min(), present.max()) if present.size else (0.0, 0.0)
            if high > low:
                r, s = ((v - low) / (high - low) for v in (r, s))
            else:
                # No range: compared by equality; 2 apart is as far as a distance gets.
                values = {v: 2.0 * i for i, v in enumerate(np.unique(np.concatenate([r, s])))}
                r, s = (np.array([values[v] for v in side]) for side in (r, s))
            r, s = (np.where(np.isnan(v), SENTINEL, v) for v in (r, s))
        real.append(np.asarray(r, dtype=float))
        synthetic.append(np.asarray(s, dtype=float))
    return np.array(real), np.array(synthetic)


def block_distances(a, b, start, stop, total, work):
    """Sums over columns of min(|a_i - b_j|, 1) for rows start..stop of a and all of b."""
    t = total[: stop - start]
    w = work[: stop - start]
    t.fill(0)
    for j in range(a.shape[0]):
        np.subtract(a[j, start:stop, None], b[j, None, :], out=w)
        np.abs(w, out=w)
        np.minimum(w, 1.0, out=w)
        t += w
    return t


def kth_nearest(rows, k, block):
    n = rows.shape[1]
    radius = np.empty(n)
    total, work = np.empty((block, n)), np.empty((block, n))
    for start in range(0, n, block):
        stop = min(n, start + block)
        t = block_distances(rows, rows, start, stop, total, work)
        # Row i itself is at distance 0: the k-th nearest other row is the (k+1)-th smallest.
        radius[start:stop] = np.partition(t, k, axis=1)[:, k]
    return radius


def prdc(real, synthetic, k, block):
    n, m = real.shape[1], synthetic.shape[1]
    real_radius = kth_nearest(real, k, block)
    synthetic_radius = kth_nearest(synthetic, k, block)
    total, work = np.empty((block, n)), np.empty((block, n))
    precise = inside = 0
    recalled = np.zeros(n, dtype=bool)
    nearest = np.full(n, np.inf)
    for start in range(0, m, block):
        stop = min(m, start + block)
        t = block_distances(synthetic, real, start, stop, total, work)
        within = t < real_radius[None, :]
        precise += int(within.any(axis=1).sum())
        inside += int(within.sum())
        recalled |= (t < synthetic_radius[start:stop, None]).any(axis=0)
        np.minimum(nearest, t.min(axis=0), out=nearest)
    return {
        "precision": precise / m,
        "recall": float(recalled.mean()),
        "density": inside / (k * m),
        "coverage": float((nearest < real_radius).mean()),
    }


def main():
    directory, k = sys.argv[1], int(sys.argv[2])
    block = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    real, synthetic = load(directory)
    start = time.perf_counter()
    result = prdc(real, synthetic, k, block)
    result["seconds"] = time.perf_counter() - start
    print(json.dumps(result))


if __name__ == "__main__":
    main()
