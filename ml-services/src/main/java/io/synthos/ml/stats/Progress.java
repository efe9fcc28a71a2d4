package io.synthos.ml.stats;

/**
 * How a long computation reports how far it got and learns that it should stop. Implementations are
 * called from the computing (worker) thread.
 */
public interface Progress {

  /** Nothing reported, never cancelled: for tests and benchmarks. */
  Progress NONE =
      new Progress() {
        @Override
        public void report(String section, double fraction) {}

        @Override
        public boolean cancelled() {
          return false;
        }
      };

  /** {@code fraction} (0 to 1) of {@code section} is done. */
  void report(String section, double fraction);

  /** Whether the caller has gone away; long loops check it and stop with {@link Cancelled}. */
  boolean cancelled();

  /** Throws {@link Cancelled} when the caller has gone away. */
  default void check() {
    if (cancelled()) {
      throw new Cancelled();
    }
  }

  /** The computation was stopped because its caller went away. */
  final class Cancelled extends RuntimeException {
    public Cancelled() {
      super("cancelled", null, false, false);
    }
  }
}
