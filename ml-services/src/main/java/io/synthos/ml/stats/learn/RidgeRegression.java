package io.synthos.ml.stats.learn;

/**
 * Ridge regression as scikit-learn's {@code Ridge} fits it: minimises ||y − Xw − b||² + α·||w||²
 * with the intercept b unpenalised, by centring X and y on their means and solving (XᵀX + αI)w =
 * Xᵀy by Cholesky.
 */
final class RidgeRegression {

  private final double[] weights;
  private final double intercept;

  private RidgeRegression(double[] weights, double intercept) {
    this.weights = weights;
    this.intercept = intercept;
  }

  /** Fits {@code y} on the rows of {@code x} (at least one row) with penalty {@code alpha} > 0. */
  static RidgeRegression fit(double[][] x, double[] y, double alpha) {
    int n = x.length;
    if (n == 0) {
      throw new IllegalArgumentException("ridge regression needs at least one row");
    }
    int d = x[0].length;
    double[] xMean = new double[d];
    double yMean = 0;
    for (int row = 0; row < n; row++) {
      for (int j = 0; j < d; j++) {
        xMean[j] += x[row][j];
      }
      yMean += y[row];
    }
    for (int j = 0; j < d; j++) {
      xMean[j] /= n;
    }
    yMean /= n;
    double[][] a = new double[d][d];
    double[] b = new double[d];
    double[] centred = new double[d];
    for (int row = 0; row < n; row++) {
      for (int j = 0; j < d; j++) {
        centred[j] = x[row][j] - xMean[j];
      }
      double target = y[row] - yMean;
      for (int j = 0; j < d; j++) {
        b[j] += centred[j] * target;
        for (int k = 0; k <= j; k++) {
          a[j][k] += centred[j] * centred[k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      a[j][j] += alpha;
    }
    double[] weights = Cholesky.solve(a, b);
    double intercept = yMean;
    for (int j = 0; j < d; j++) {
      intercept -= xMean[j] * weights[j];
    }
    return new RidgeRegression(weights, intercept);
  }

  double[] predict(double[][] x) {
    double[] predicted = new double[x.length];
    for (int row = 0; row < x.length; row++) {
      double value = intercept;
      for (int j = 0; j < weights.length; j++) {
        value += weights[j] * x[row][j];
      }
      predicted[row] = value;
    }
    return predicted;
  }

  double[] weights() {
    return weights;
  }

  double intercept() {
    return intercept;
  }
}
