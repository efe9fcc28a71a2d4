"""Writes the learn fixtures: small seeded datasets and bench/reference/learn_reference.py's answers.

Run with python3 from anywhere; re-running writes the same bytes (numpy's seeded generators, fixed
sizes, json with sorted keys). Each <name>.json holds the seed, the target, the matched columns
(numbers with null for missing, codes with -1) and the expected utility and detection sections,
including the split rows, coefficients, predictions and per-fold AUCs.
"""

import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "..", "..", "bench", "reference"))
import learn_reference as ref  # noqa: E402

BOOL = ["false", "true"]
COLOURS = ["red", "green", "blue"]


def features(rng, n):
    """Shared feature columns: two normals (x1 with 5% missing), a datetime, a colour and a flag."""
    x1 = rng.normal(0, 2, n)
    x2 = rng.normal(1, 1, n)
    stamp = np.round(1.6e9 + rng.normal(0, 86400 * 30, n))
    colour = rng.integers(0, 3, n)
    flag = rng.integers(0, 2, n)
    x1_seen = np.where(rng.random(n) < 0.05, np.nan, x1)
    flag_seen = np.where(rng.random(n) < 0.05, -1, flag)
    return {"x1": x1_seen, "x2": x2, "stamp": stamp, "colour": colour, "flag": flag_seen}, (
        x1, x2, colour, flag)


KINDS = {"x1": ("NUMERIC", []), "x2": ("NUMERIC", []), "stamp": ("DATETIME", []),
         "colour": ("CATEGORICAL", COLOURS), "flag": ("BOOLEAN", BOOL)}


def separable(rng, n):
    cols, (x1, x2, colour, flag) = features(rng, n)
    cols["label"] = (x1 + 2 * x2 - 2 > 0).astype(int)
    return cols


def noisy3(rng, n):
    cols, (x1, x2, colour, flag) = features(rng, n)
    logits = np.stack([np.zeros(n), 0.8 * x1 + 0.5 * (colour == 1), -0.7 * x2 + 0.6 * flag], axis=1)
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    cols["grade"] = np.array([rng.choice(3, p=row) for row in p])
    return cols


def regression(rng, n):
    cols, (x1, x2, colour, flag) = features(rng, n)
    y = 3 * x1 - 2 * x2 + 1.5 * (colour == 2) + rng.normal(0, 1, n) + 10
    cols["price"] = np.where(rng.random(n) < 0.04, np.nan, y)
    cols["constant"] = np.full(n, 0.1)
    return cols


def column(name, kind, categories, real, synthetic, holdout):
    def encode(values):
        if values is None:
            return None
        if kind in ("NUMERIC", "DATETIME"):
            return [None if np.isnan(v) else float(v) for v in values]
        return [int(v) for v in values]

    return {"name": name, "kind": kind, "categories": categories, "real": encode(real),
            "synthetic": encode(synthetic), "holdout": encode(holdout)}


def as_reference(columns):
    out = []
    for c in columns:
        numeric = c["kind"] in ("NUMERIC", "DATETIME")

        def arr(values):
            if values is None:
                return None
            if numeric:
                return np.array([np.nan if v is None else v for v in values], dtype=float)
            return np.array(values, dtype=int)

        out.append({**c, "real": arr(c["real"]), "synthetic": arr(c["synthetic"]),
                    "holdout": arr(c["holdout"])})
    return out


def dataset(name, seed, target, target_kind, generate, sizes, mutate=None):
    rng = np.random.default_rng(seed)
    real = generate(rng, sizes[0])
    synthetic = generate(rng, sizes[1])
    holdout = generate(rng, sizes[2]) if len(sizes) > 2 else None
    if mutate:
        synthetic = mutate(rng, real)
    kinds = dict(KINDS, **{target: target_kind}, constant=("NUMERIC", []))
    columns = [column(key, *kinds[key], real[key], synthetic[key],
                      None if holdout is None else holdout[key]) for key in real]
    reference = as_reference(columns)
    fixture = {
        "name": name, "seed": seed, "target": target, "columns": columns,
        "expected": {"utility": ref.utility(reference, target, seed),
                     "detection": ref.detection(reference, seed)},
    }
    with open(os.path.join(HERE, name + ".json"), "w") as out:
        json.dump(fixture, out, sort_keys=True, allow_nan=False)
        out.write("\n")


def identical(rng, real):
    return {key: values.copy() for key, values in real.items()}


def shuffled(rng, real):
    copy = identical(rng, real)
    copy["label"] = rng.permutation(copy["label"])
    return copy


LABEL = ("CATEGORICAL", ["no", "yes"])

if __name__ == "__main__":
    dataset("separable", 11, "label", LABEL, separable, (200, 180))
    dataset("noisy3", 12, "grade", ("CATEGORICAL", ["a", "b", "c", "d"]), noisy3, (240, 200, 90))
    dataset("regression", 13, "price", ("NUMERIC", []), regression, (220, 260))
    dataset("identical", 14, "label", LABEL, separable, (150, 150), identical)
    dataset("shuffled", 15, "label", LABEL, separable, (150, 150), shuffled)
