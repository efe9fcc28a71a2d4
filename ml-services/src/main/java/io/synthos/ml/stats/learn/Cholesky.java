package io.synthos.ml.stats.learn;

/** Solves a symmetric positive-definite system given by its lower triangle. */
final class Cholesky {

  private Cholesky() {}

  /** Solves {@code a·x = b}; reads only the lower triangle of {@code a} and overwrites it. */
  static double[] solve(double[][] a, double[] b) {
    int d = b.length;
    for (int j = 0; j < d; j++) {
      double diagonal = a[j][j];
      for (int k = 0; k < j; k++) {
        diagonal -= a[j][k] * a[j][k];
      }
      if (!(diagonal > 0)) {
        throw new ArithmeticException("matrix is not positive definite");
      }
      a[j][j] = Math.sqrt(diagonal);
      for (int i = j + 1; i < d; i++) {
        double value = a[i][j];
        for (int k = 0; k < j; k++) {
          value -= a[i][k] * a[j][k];
        }
        a[i][j] = value / a[j][j];
      }
    }
    double[] x = b.clone();
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < i; k++) {
        x[i] -= a[i][k] * x[k];
      }
      x[i] /= a[i][i];
    }
    for (int i = d - 1; i >= 0; i--) {
      for (int k = i + 1; k < d; k++) {
        x[i] -= a[k][i] * x[k];
      }
      x[i] /= a[i][i];
    }
    return x;
  }
}
