package io.synthos.ml.stats.learn;

import io.synthos.ml.stats.Progress;

/**
 * L2-penalised logistic regression as scikit-learn fits it by default (C = 1, lbfgs): minimises Σ_i
 * −log p(y_i | x_i) + ½·||W||², the intercepts unpenalised. With more than two classes the model is
 * multinomial (softmax, one weight row per class); with two it is binomial (one weight row, for
 * class 1), which is what scikit-learn fits for a binary target. The softmax intercepts, free up to
 * a common shift, are reported summing to zero. Fitted by L-BFGS (Armijo backtracking, with Hager
 * and Zhang's approximate Wolfe test where rounding hides the decrease), then exact Newton steps,
 * until the gradient's Euclidean norm is below {@link #TOLERANCE} or no step improves.
 */
final class LogisticRegression {

  static final double TOLERANCE = 1e-8;
  private static final int MAX_ITERATIONS = 2_000;
  private static final int NEWTON_STEPS = 20;

  /**
   * Up to this many parameters the fit ends with exact Newton steps (an n·P² Hessian each), which
   * take the gradient to rounding level; beyond it L-BFGS alone must reach {@link #TOLERANCE}.
   */
  static final int NEWTON_LIMIT = 400;

  private static final int HISTORY = 10;
  private static final double ARMIJO = 1e-4;

  private final int classes;
  private final double[][] weights;
  private final double[] intercepts;
  private final double gradientNorm;
  private final int iterations;

  private LogisticRegression(
      int classes, double[][] weights, double[] intercepts, double gradientNorm, int iterations) {
    this.classes = classes;
    this.weights = weights;
    this.intercepts = intercepts;
    this.gradientNorm = gradientNorm;
    this.iterations = iterations;
  }

  /**
   * Fits class indices {@code y} (0 to {@code classes − 1}, at least two classes) on rows {@code
   * x}; checks {@code progress} at every iteration.
   */
  static LogisticRegression fit(double[][] x, int[] y, int classes, Progress progress) {
    if (classes < 2) {
      throw new IllegalArgumentException("logistic regression needs at least two classes");
    }
    SoftmaxLoss objective = new SoftmaxLoss(x, y, classes);
    int size = objective.freeClasses() * (objective.width() + 1);
    double[] theta = new double[size];
    double[] gradient = new double[size];
    double value = objective.evaluate(theta, gradient);
    double[][] s = new double[HISTORY][];
    double[][] g = new double[HISTORY][];
    double[] rho = new double[HISTORY];
    int stored = 0;
    int iteration = 0;
    double norm = norm(gradient);
    double[] nextTheta = new double[size];
    double[] nextGradient = new double[size];
    while (norm >= TOLERANCE && iteration < MAX_ITERATIONS) {
      progress.check();
      iteration++;
      double[] direction = direction(gradient, s, g, rho, stored);
      double slope = dot(gradient, direction);
      if (slope >= 0) {
        // The curvature pairs misled us: restart from steepest descent.
        stored = 0;
        direction = negate(gradient);
        slope = dot(gradient, direction);
      }
      double step = stored == 0 ? Math.min(1, 1 / norm) : 1;
      double nextValue = Double.NaN;
      boolean accepted = false;
      for (int halvings = 0; halvings < 60; halvings++) {
        for (int i = 0; i < size; i++) {
          nextTheta[i] = theta[i] + step * direction[i];
        }
        nextValue = objective.evaluate(nextTheta, nextGradient);
        if (nextValue < value && nextValue <= value + ARMIJO * step * slope) {
          accepted = true;
          break;
        }
        // Hager and Zhang's approximate Wolfe test: near the optimum the objective's rounding
        // hides the decrease, but the slopes at both ends still measure it (exactly, on a
        // quadratic: f(step) − f(0) = step·(slope + nextSlope) / 2).
        double nextSlope = dot(nextGradient, direction);
        if (nextValue <= value + 1e-10 * Math.abs(value)
            && nextSlope <= (2 * ARMIJO - 1) * slope
            && nextSlope >= 0.9 * slope) {
          accepted = true;
          break;
        }
        step /= 2;
      }
      if (!accepted) {
        break;
      }
      double[] ds = new double[size];
      double[] dg = new double[size];
      for (int i = 0; i < size; i++) {
        ds[i] = nextTheta[i] - theta[i];
        dg[i] = nextGradient[i] - gradient[i];
      }
      double curvature = dot(ds, dg);
      if (curvature > 1e-300) {
        if (stored == HISTORY) {
          System.arraycopy(s, 1, s, 0, HISTORY - 1);
          System.arraycopy(g, 1, g, 0, HISTORY - 1);
          System.arraycopy(rho, 1, rho, 0, HISTORY - 1);
          stored--;
        }
        s[stored] = ds;
        g[stored] = dg;
        rho[stored] = 1 / curvature;
        stored++;
      }
      System.arraycopy(nextTheta, 0, theta, 0, size);
      System.arraycopy(nextGradient, 0, gradient, 0, size);
      value = nextValue;
      norm = norm(gradient);
    }
    if (norm >= TOLERANCE && size <= NEWTON_LIMIT) {
      norm = polish(objective, theta, gradient, norm, progress);
    }
    int free = objective.freeClasses();
    double[][] weights = new double[free][objective.width()];
    double[] intercepts = new double[free];
    double shift = 0;
    for (int c = 0; c < free; c++) {
      int base = c * (objective.width() + 1);
      System.arraycopy(theta, base, weights[c], 0, objective.width());
      intercepts[c] = theta[base + objective.width()];
      shift += free > 1 ? intercepts[c] / free : 0;
    }
    // The softmax intercepts are defined up to a common shift: report the ones summing to zero.
    for (int c = 0; c < free; c++) {
      intercepts[c] -= shift;
    }
    return new LogisticRegression(classes, weights, intercepts, norm, iteration);
  }

  /**
   * Full Newton steps from {@code theta} (updated in place) while they shrink the gradient: the
   * quadratic convergence that the function values can no longer confirm. Returns the last norm.
   */
  static double polish(
      SoftmaxLoss objective, double[] theta, double[] gradient, double norm, Progress progress) {
    double[] next = new double[theta.length];
    double[] nextGradient = new double[theta.length];
    for (int step = 0; step < NEWTON_STEPS; step++) {
      progress.check();
      double[] delta;
      try {
        delta = Cholesky.solve(objective.hessian(theta), gradient);
      } catch (ArithmeticException saturated) {
        // Probabilities rounded to 0 or 1 leave an intercept without curvature: keep L-BFGS's fit.
        break;
      }
      for (int i = 0; i < theta.length; i++) {
        next[i] = theta[i] - delta[i];
      }
      objective.evaluate(next, nextGradient);
      double nextNorm = norm(nextGradient);
      if (!(nextNorm < norm)) {
        break;
      }
      System.arraycopy(next, 0, theta, 0, theta.length);
      System.arraycopy(nextGradient, 0, gradient, 0, theta.length);
      norm = nextNorm;
    }
    return norm;
  }

  private static double[] direction(
      double[] gradient, double[][] s, double[][] g, double[] rho, int stored) {
    double[] q = negate(gradient);
    double[] alpha = new double[stored];
    for (int k = stored - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(s[k], q);
      axpy(-alpha[k], g[k], q);
    }
    if (stored > 0) {
      double gamma = dot(s[stored - 1], g[stored - 1]) / dot(g[stored - 1], g[stored - 1]);
      for (int i = 0; i < q.length; i++) {
        q[i] *= gamma;
      }
    }
    for (int k = 0; k < stored; k++) {
      double beta = rho[k] * dot(g[k], q);
      axpy(alpha[k] - beta, s[k], q);
    }
    return q;
  }

  /** Per row, the probability of each class. */
  double[][] probabilities(double[][] x) {
    double[][] p = new double[x.length][];
    for (int row = 0; row < x.length; row++) {
      p[row] = softmax(logits(x[row]));
    }
    return p;
  }

  /** Per row, the most probable class index (the first on ties). */
  int[] predict(double[][] x) {
    int[] predicted = new int[x.length];
    for (int row = 0; row < x.length; row++) {
      double[] z = logits(x[row]);
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (z[c] > z[best]) {
          best = c;
        }
      }
      predicted[row] = best;
    }
    return predicted;
  }

  private double[] logits(double[] row) {
    double[] z = new double[classes];
    int first = classes == 2 ? 1 : 0;
    for (int c = 0; c < weights.length; c++) {
      z[first + c] = intercepts[c] + dot(weights[c], row);
    }
    return z;
  }

  int classes() {
    return classes;
  }

  /** One row per free class: class 1 alone when binary, every class otherwise. */
  double[][] weights() {
    return weights;
  }

  double[] intercepts() {
    return intercepts;
  }

  double gradientNorm() {
    return gradientNorm;
  }

  int iterations() {
    return iterations;
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int c = 0; c < z.length; c++) {
      p[c] = Math.exp(z[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < z.length; c++) {
      p[c] /= sum;
    }
    return p;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double[] negate(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }

  private static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }
}
