"""Times a blocked numpy brute force of the privacy DCR + NNDR scan: for every synthetic row, the
distances to its nearest and second-nearest real row, with the distance of
io.synthos.ml.stats.privacy (mean over columns of min(|a - b| / range, 1), categorical 0/1,
missing vs value 1, missing vs missing 0). Same shapes and distributions as DcrBench.java.

Columns are normalised once (divided by their range; missing numbers become a far sentinel so
one min(|a - b|, 1) covers every kind), and each block is computed in place with no temporaries
beyond one block x real buffer. The brute force cost is linear in the synthetic rows, so
--synthetic can time a slice and the script extrapolates to --rows.

    python3 bench/reference/dcr_bench.py --rows 50000 --synthetic 5000 --block 64
"""

import argparse
import time

import numpy as np

MISSING = 0.02
SENTINEL = 1e300


def columns(rng, rows):
    out = []
    for j in range(20):
        u = rng.random(rows)
        if j < 12:
            kind = j % 3
            values = 100 * u if kind == 0 else (
                np.exp(2 * rng.standard_normal(rows)) if kind == 1
                else 50 + 10 * rng.standard_normal(rows))
        elif j < 14:
            values = 1_600_000_000 + np.floor(u * 86_400 * 365)
        else:
            categories = [3, 7, 12, 40][j - 14] if j < 18 else 2
            values = np.floor(u * u * categories)
            values[rng.random(rows) < MISSING] = -1
            out.append(values)
            continue
        values = values.copy()
        values[u < MISSING] = np.nan
        out.append(values)
    return out


def normalise(real, synthetic):
    """Row-major float arrays where the per-column distance is min(|a - b|, 1)."""
    real_out, synthetic_out = [], []
    for j, (r, s) in enumerate(zip(real, synthetic)):
        if j < 14:
            low, high = np.nanmin(r), np.nanmax(r)
            r = np.where(np.isnan(r), SENTINEL, (r - low) / (high - low))
            s = np.where(np.isnan(s), SENTINEL, (s - low) / (high - low))
        real_out.append(r)
        synthetic_out.append(s)
    return np.stack(real_out), np.stack(synthetic_out)


def nearest_two(real, synthetic, block):
    width, n_real = real.shape
    n_synthetic = synthetic.shape[1]
    first = np.empty(n_synthetic)
    second = np.empty(n_synthetic)
    total = np.empty((block, n_real))
    tmp = np.empty((block, n_real))
    for start in range(0, n_synthetic, block):
        stop = min(n_synthetic, start + block)
        t = total[: stop - start]
        w = tmp[: stop - start]
        t.fill(0)
        for j in range(width):
            np.subtract(synthetic[j, start:stop, None], real[j, None, :], out=w)
            np.abs(w, out=w)
            np.minimum(w, 1.0, out=w)
            t += w
        two = np.partition(t, 1, axis=1)[:, :2]
        first[start:stop] = two[:, 0] / width
        second[start:stop] = two[:, 1] / width
    return first, second


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--synthetic", type=int, default=5_000, help="synthetic rows timed")
    parser.add_argument("--block", type=int, default=64)
    args = parser.parse_args()
    rng = np.random.default_rng(42)
    real, synthetic = normalise(columns(rng, args.rows), columns(rng, args.synthetic))
    start = time.perf_counter()
    first, second = nearest_two(real, synthetic, args.block)
    seconds = time.perf_counter() - start
    ratio = np.where(second == 0, 0.0, first / np.where(second == 0, 1, second))
    print(f"numpy DCR+NNDR: {args.synthetic:,} synthetic x {args.rows:,} real, 20 columns, "
          f"block {args.block}: {seconds:.2f} s; extrapolated to {args.rows:,} synthetic: "
          f"{seconds * args.rows / args.synthetic:.1f} s; median DCR {np.median(first):.4f}, "
          f"median NNDR {np.median(ratio):.4f}")


if __name__ == "__main__":
    main()
