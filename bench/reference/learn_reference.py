"""Independent numpy/scipy reference for io.synthos.ml.stats.learn (utility and detection).

Written from the definitions, not from the Java code, and without scikit-learn (not installed):

* features: numeric/datetime columns standardised with the training rows' mean and population std
  over the observed values (missing -> 0 after standardising; a column whose observed training values
  are all equal, or absent, is dropped); categorical/boolean one-hot over the shared categories
  (missing -> all zeros);
* logistic regression: minimise sum_i -log p(y_i | x_i) + 1/2 ||W||^2 (intercepts unpenalised);
  softmax with one weight row per class for K > 2, binomial (one row, for class 1) for K = 2, as
  scikit-learn fits; the softmax intercepts, free up to a common shift, reported summing to zero; scipy L-BFGS-B with tight tolerances, then Newton steps with the exact Hessian
  until the gradient stops shrinking;
* ridge: numpy closed form on centred data, alpha = 1, intercept unpenalised;
* macro-F1, R^2 and ROC AUC from their definitions (scikit-learn's conventions).

Splits: both sides draw from SplitMix64 and shuffle with the same Fisher-Yates loop
(for i from n-1 down to 1: swap i with next() mod (i+1)), so a seed gives the same rows in Java and
here; the fixtures also record the split rows so that a mismatch shows as a split, not a metric.
"""

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp
from scipy.stats import rankdata

MASK = (1 << 64) - 1
FOLDS = 3
RIDGE_ALPHA = 1.0


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        return self.next() % bound

    def permutation(self, n):
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.below(i + 1)
            order[i], order[j] = order[j], order[i]
        return order


# A column: dict(name, kind, categories, real, synthetic, holdout) with numpy arrays (float with nan,
# or int with -1). Rows: a list of (side, index) pairs, side one of "real", "synthetic", "holdout".

def numeric(column):
    return column["kind"] in ("NUMERIC", "DATETIME")


def values(column, rows):
    return np.array([column[side][index] for side, index in rows])


def fit_features(columns, train):
    """The per-column standardisation (None for one-hot or dropped columns)."""
    scalers = []
    for column in columns:
        if not numeric(column):
            scalers.append(None)
            continue
        observed = values(column, train).astype(float)
        observed = observed[~np.isnan(observed)]
        if observed.size == 0 or observed.min() == observed.max():
            scalers.append("dropped")
        else:
            scalers.append((observed.mean(), observed.std()))
    return scalers


def design(columns, scalers, rows):
    blocks = []
    for column, scaler in zip(columns, scalers):
        if numeric(column):
            if scaler == "dropped":
                continue
            mean, std = scaler
            v = (values(column, rows).astype(float) - mean) / std
            blocks.append(np.where(np.isnan(v), 0.0, v)[:, None])
        else:
            codes = values(column, rows).astype(int)
            one_hot = np.zeros((len(rows), len(column["categories"])))
            present = codes >= 0
            one_hot[np.nonzero(present)[0], codes[present]] = 1.0
            blocks.append(one_hot)
    if not blocks:
        return np.zeros((len(rows), 0))
    return np.hstack(blocks)


def _logits(theta, X, K):
    free = 1 if K == 2 else K
    params = theta.reshape(free, X.shape[1] + 1)
    z = X @ params[:, :-1].T + params[:, -1]
    return np.hstack([np.zeros((X.shape[0], 1)), z]) if K == 2 else z


def _objective(theta, X, Y, K):
    """Penalised negative log-likelihood and gradient; Y one-hot (n, K)."""
    free = 1 if K == 2 else K
    d = X.shape[1]
    z = _logits(theta, X, K)
    lse = logsumexp(z, axis=1)
    value = np.sum(lse - np.sum(z * Y, axis=1))
    residual = (np.exp(z - lse[:, None]) - Y)[:, K - free:]
    params = theta.reshape(free, d + 1)
    weights = params[:, :-1]
    value += 0.5 * np.sum(weights * weights)
    grad = np.empty((free, d + 1))
    grad[:, :-1] = residual.T @ X + weights
    grad[:, -1] = residual.sum(axis=0)
    return value, grad.ravel()


def _hessian(theta, X, K):
    free = 1 if K == 2 else K
    n, d = X.shape
    Xt = np.hstack([X, np.ones((n, 1))])
    z = _logits(theta, X, K)
    p = np.exp(z - logsumexp(z, axis=1)[:, None])[:, K - free:]
    H = np.zeros((free, d + 1, free, d + 1))
    for c in range(free):
        for e in range(free):
            w = p[:, c] * ((1.0 if c == e else 0.0) - p[:, e])
            H[c, :, e, :] = (Xt * w[:, None]).T @ Xt
        H[c, :d, c, :d] += np.eye(d)
    H = H.reshape(free * (d + 1), free * (d + 1))
    if free > 1:
        # A common shift of the softmax intercepts leaves the objective unchanged (H singular along
        # it); adding u u^T pins the step to keep their sum, the gradient being orthogonal to u.
        u = np.zeros(free * (d + 1))
        u[d::d + 1] = 1.0
        H += np.outer(u, u)
    return H


def fit_logistic(X, y, K):
    """Returns (weights (free, d), intercepts (free,), gradient norm) for class indices y."""
    free = 1 if K == 2 else K
    d = X.shape[1]
    Y = np.eye(K)[y]
    result = minimize(_objective, np.zeros(free * (d + 1)), args=(X, Y, K), jac=True,
                      method="L-BFGS-B",
                      options={"maxiter": 100000, "maxfun": 100000, "ftol": 0.0, "gtol": 1e-12})
    theta = result.x
    grad = _objective(theta, X, Y, K)[1]
    for _ in range(20):
        step = np.linalg.solve(_hessian(theta, X, K), grad)
        candidate = theta - step
        candidate_grad = _objective(candidate, X, Y, K)[1]
        if not np.linalg.norm(candidate_grad) < np.linalg.norm(grad):
            break
        theta, grad = candidate, candidate_grad
    params = theta.reshape(free, d + 1)
    intercepts = params[:, -1] - (params[:, -1].mean() if free > 1 else 0.0)
    return params[:, :-1], intercepts, float(np.linalg.norm(grad))


def predict_logistic(weights, intercepts, X, K):
    theta = np.hstack([weights, intercepts[:, None]]).ravel()
    z = _logits(theta, X, K)
    return np.argmax(z, axis=1), np.exp(z - logsumexp(z, axis=1)[:, None])


def fit_ridge(X, y, alpha=RIDGE_ALPHA):
    x_mean = X.mean(axis=0)
    y_mean = y.mean()
    Xc = X - x_mean
    weights = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ (y - y_mean))
    return weights, float(y_mean - x_mean @ weights)


def macro_f1(truth, predicted):
    labels = sorted(set(truth.tolist()) | set(predicted.tolist()))
    scores = []
    for label in labels:
        t, p = truth == label, predicted == label
        tp, fp, fn = np.sum(t & p), np.sum(~t & p), np.sum(t & ~p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return float(np.mean(scores))


def r2(truth, predicted):
    residual = np.sum((truth - predicted) ** 2)
    total = np.sum((truth - truth.mean()) ** 2)
    if total == 0:
        return 1.0 if residual == 0 else 0.0
    return float(1 - residual / total)


def roc_auc(labels, scores):
    positives = labels == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = rankdata(scores, method="average")
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _present(column, side):
    data = column[side]
    missing = np.isnan(data) if numeric(column) else data < 0
    return [(side, int(i)) for i in np.nonzero(~missing)[0]]


def utility_split(columns, target, seed):
    column = next(c for c in columns if c["name"] == target)
    synthetic = _present(column, "synthetic")
    if column["holdout"] is not None:
        return synthetic, _present(column, "real"), _present(column, "holdout")
    rows = _present(column, "real")
    order = SplitMix64(seed).permutation(len(rows))
    tests = -(-len(rows) // 5)
    test = sorted(rows[i] for i in order[:tests])
    train = sorted(rows[i] for i in order[tests:])
    return synthetic, train, test


def evaluate(target, features, train, test):
    scalers = fit_features(features, train)
    X_train, X_test = design(features, scalers, train), design(features, scalers, test)
    if numeric(target):
        y_train = values(target, train).astype(float)
        y_test = values(target, test).astype(float)
        weights, intercept = fit_ridge(X_train, y_train)
        predicted = X_test @ weights + intercept
        return {"metric": r2(y_test, predicted), "weights": weights.tolist(),
                "intercept": intercept, "predicted": predicted.tolist()}
    c_train = values(target, train).astype(int)
    c_test = values(target, test).astype(int)
    classes = np.unique(c_train)
    if classes.size == 1:
        predicted = np.full(len(test), classes[0])
        model = {"weights": None, "intercepts": None, "gradient_norm": None}
    else:
        y = np.searchsorted(classes, c_train)
        weights, intercepts, norm = fit_logistic(X_train, y, classes.size)
        predicted = classes[predict_logistic(weights, intercepts, X_test, classes.size)[0]]
        model = {"weights": weights.tolist(), "intercepts": intercepts.tolist(),
                 "gradient_norm": norm}
    return {"metric": macro_f1(c_test, predicted), **model,
            "predicted": [int(v) for v in predicted]}


def utility(columns, target, seed):
    target_column = next(c for c in columns if c["name"] == target)
    features = [c for c in columns if c["name"] != target]
    synthetic, real_train, real_test = utility_split(columns, target, seed)
    tstr = evaluate(target_column, features, synthetic, real_test)
    trtr = evaluate(target_column, features, real_train, real_test)
    if trtr["metric"] <= 0:
        score = 1.0 if tstr["metric"] > 0 else 0.0
    else:
        score = min(1.0, max(0.0, tstr["metric"] / trtr["metric"]))
    classification = not numeric(target_column)
    return {
        "target": target,
        "task": "classification" if classification else "regression",
        "metric": "macro_f1" if classification else "r2",
        "tstr": tstr["metric"], "trtr": trtr["metric"], "score": score,
        "split": {"synthetic": [i for _, i in synthetic],
                  "real_train": [[s, i] for s, i in real_train],
                  "real_test": [[s, i] for s, i in real_test]},
        "tstr_model": tstr, "trtr_model": trtr,
    }


def detection_sample(columns, seed):
    real, synthetic = len(columns[0]["real"]), len(columns[0]["synthetic"])
    m = min(real, synthetic)
    random = SplitMix64(seed)

    def keep(n):
        return list(range(n)) if n == m else sorted(random.permutation(n)[:m])

    kept = [("real", i) for i in keep(real)] + [("synthetic", i) for i in keep(synthetic)]
    order = random.permutation(2 * m)
    return [kept[i] for i in order], np.array([0 if i < m else 1 for i in order])


def detection(columns, seed):
    rows, labels = detection_sample(columns, seed)
    n = len(rows)
    folds, start, aucs = [], 0, []
    for k in range(FOLDS):
        size = n // FOLDS + (1 if k < n % FOLDS else 0)
        test = list(range(start, start + size))
        start += size
        train = [i for i in range(n) if i < test[0] or i > test[-1]] if test else list(range(n))
        train_rows, test_rows = [rows[i] for i in train], [rows[i] for i in test]
        if len(set(labels[train].tolist())) < 2:
            folds.append({"test": test, "auc": None})
            continue
        scalers = fit_features(columns, train_rows)
        weights, intercepts, norm = fit_logistic(design(columns, scalers, train_rows),
                                                 labels[train], 2)
        probabilities = predict_logistic(weights, intercepts,
                                         design(columns, scalers, test_rows), 2)[1][:, 1]
        auc = roc_auc(labels[test], probabilities)
        if not np.isnan(auc):
            aucs.append(auc)
        folds.append({"test": test, "auc": None if np.isnan(auc) else auc,
                      "weights": weights.tolist(), "intercepts": intercepts.tolist(),
                      "gradient_norm": norm, "scores": probabilities.tolist()})
    auc = float(np.mean(aucs))
    return {"auc": auc, "score": 1 - (2 * max(auc, 0.5) - 1),
            "sample": [[s, i] for s, i in rows], "labels": labels.tolist(), "folds": folds}
