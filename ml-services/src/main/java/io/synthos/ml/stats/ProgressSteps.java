package io.synthos.ml.stats;

/**
 * Progress over consecutive steps of a computation, each reporting its own 0 to 1: the caller hears
 * fractions of the whole, weighted by each step's share of the work, so they only grow.
 */
public final class ProgressSteps {

  private final Progress whole;
  private final double[] starts;
  private final double[] weights;
  private final double total;

  /** {@code weights}: each step's share of the work, in the order the steps run. */
  public ProgressSteps(Progress whole, double... weights) {
    this.whole = whole;
    this.weights = weights.clone();
    this.starts = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] > 0)) {
        throw new IllegalArgumentException("step weights must be positive");
      }
      starts[i] = sum;
      sum += weights[i];
    }
    this.total = sum;
  }

  /** Step {@code index}, reporting under the section names its computation gives. */
  public Progress step(int index) {
    return step(index, null);
  }

  /** Step {@code index}, reporting as {@code name} (or its own section names, when null). */
  public Progress step(int index, String name) {
    return new Progress() {
      @Override
      public void report(String section, double fraction) {
        double done = starts[index] + weights[index] * Math.max(0, Math.min(1, fraction));
        whole.report(name == null ? section : name, done / total);
      }

      @Override
      public boolean cancelled() {
        return whole.cancelled();
      }
    };
  }
}
