package io.synthos.ml.stats.learn;

import java.util.Arrays;

/**
 * The objective of {@link LogisticRegression}: Σ_i −log p(y_i | x_i) + ½·||W||², with its gradient
 * and Hessian. Parameters are laid out per free class c as [W_c, b_c]; the binary model has one
 * free class (class 1), class 0's logit pinned at 0.
 */
final class SoftmaxLoss {

  private final double[][] x;
  private final int[] y;
  private final int classes;
  private final int width;

  SoftmaxLoss(double[][] x, int[] y, int classes) {
    this.x = x;
    this.y = y;
    this.classes = classes;
    this.width = x.length == 0 ? 0 : x[0].length;
  }

  /** Columns of x, each with a weight per free class. */
  int width() {
    return width;
  }

  /** Classes with their own weights and intercept: the binary model pins class 0's logit at 0. */
  int freeClasses() {
    return classes == 2 ? 1 : classes;
  }

  /** The Hessian's lower triangle: Σ_i p_c(δ_ce − p_e)·x̃x̃ᵀ per class pair, +1 on weights. */
  double[][] hessian(double[] theta) {
    int free = freeClasses();
    int first = classes - free;
    int stride = width + 1;
    int size = free * stride;
    double[][] h = new double[size][size];
    double[] z = new double[classes];
    double[] p = new double[classes];
    double[] extended = new double[stride];
    extended[width] = 1;
    for (double[] features : x) {
      System.arraycopy(features, 0, extended, 0, width);
      logits(theta, features, z, free, first);
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        p[c] = Math.exp(z[c] - max);
        sum += p[c];
      }
      for (int c = 0; c < classes; c++) {
        p[c] /= sum;
      }
      for (int c = 0; c < free; c++) {
        for (int e = 0; e <= c; e++) {
          double w = p[first + c] * ((c == e ? 1 : 0) - p[first + e]);
          for (int j = 0; j < stride; j++) {
            double[] hRow = h[c * stride + j];
            double wj = w * extended[j];
            int limit = e == c ? j : stride - 1;
            for (int k = 0; k <= limit; k++) {
              hRow[e * stride + k] += wj * extended[k];
            }
          }
        }
      }
    }
    for (int c = 0; c < free; c++) {
      for (int j = 0; j < width; j++) {
        h[c * stride + j][c * stride + j] += 1;
      }
    }
    if (free > 1) {
      // Shifting every softmax intercept alike changes nothing, so H is singular along that
      // direction u; H + uuᵀ is not, and since the gradient is orthogonal to u the step solving
      // it is H's step that keeps the intercepts' sum fixed.
      for (int c = 0; c < free; c++) {
        for (int e = 0; e <= c; e++) {
          h[c * stride + width][e * stride + width] += 1;
        }
      }
    }
    return h;
  }

  private void logits(double[] theta, double[] features, double[] z, int free, int first) {
    int stride = width + 1;
    for (int c = 0; c < free; c++) {
      int base = c * stride;
      double logit = theta[base + width];
      for (int j = 0; j < width; j++) {
        logit += theta[base + j] * features[j];
      }
      z[first + c] = logit;
    }
  }

  double evaluate(double[] theta, double[] gradient) {
    int free = freeClasses();
    int first = classes - free;
    int stride = width + 1;
    Arrays.fill(gradient, 0);
    double value = 0;
    double[] z = new double[classes];
    for (int row = 0; row < x.length; row++) {
      double[] features = x[row];
      logits(theta, features, z, free, first);
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : z) {
        sum += Math.exp(v - max);
      }
      double logSum = max + Math.log(sum);
      value += logSum - z[y[row]];
      for (int c = 0; c < free; c++) {
        double residual = Math.exp(z[first + c] - logSum) - (y[row] == first + c ? 1 : 0);
        int base = c * stride;
        for (int j = 0; j < width; j++) {
          gradient[base + j] += residual * features[j];
        }
        gradient[base + width] += residual;
      }
    }
    for (int c = 0; c < free; c++) {
      int base = c * stride;
      for (int j = 0; j < width; j++) {
        value += 0.5 * theta[base + j] * theta[base + j];
        gradient[base + j] += theta[base + j];
      }
    }
    return value;
  }
}
