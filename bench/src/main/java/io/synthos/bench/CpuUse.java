package io.synthos.bench;

/**
 * How busy the machine was around one measured run, and how much of that was this JVM: on 2 cores
 * shared with other work, a run that did not have the machine to itself shows it here.
 */
final class CpuUse {

  private final double busyBefore;
  private final long[] ticks;
  private final long jvmNanos;

  private CpuUse(double busyBefore) {
    this.busyBefore = busyBefore;
    this.jvmNanos = BenchSupport.jvmCpuNanos();
    try {
      this.ticks = BenchSupport.cpuTicks();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read /proc/stat", e);
    }
  }

  /** Waits for a quiet machine ({@link BenchSupport#waitForQuietMachine}), then starts counting. */
  static CpuUse afterQuiet() {
    return new CpuUse(BenchSupport.waitForQuietMachine());
  }

  /** Starts counting at once; "before" is the last 200 ms (steps of a ramp do not wait). */
  static CpuUse now() {
    return new CpuUse(BenchSupport.cpuBusy(java.time.Duration.ofMillis(200)));
  }

  /** From the start until now, e.g. "CPU 1% busy before, 51% during, 99% of it this JVM". */
  String untilNow() {
    double busy = BenchSupport.busySince(ticks);
    double share = BenchSupport.jvmShareSince(ticks, jvmNanos);
    return String.format(
        "CPU %.0f%% busy before, %.0f%% during, %.0f%% of it this JVM",
        busyBefore * 100, busy * 100, share * 100);
  }
}
