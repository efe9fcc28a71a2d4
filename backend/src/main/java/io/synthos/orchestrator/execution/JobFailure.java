package io.synthos.orchestrator.execution;

/**
 * Why an attempt failed, which decides what happens next: {@code RETRYABLE} uses an attempt and
 * retries with backoff, {@code UNAVAILABLE} (an ML service is down) waits without using one, {@code
 * PERMANENT} fails the job at once, {@code CANCELLED} ends it as asked.
 */
public final class JobFailure extends RuntimeException {

  /** What kind of failure, from the scheduler's point of view. */
  public enum Kind {
    RETRYABLE,
    UNAVAILABLE,
    PERMANENT,
    CANCELLED
  }

  private final Kind kind;

  public JobFailure(Kind kind, String message) {
    this(kind, message, null);
  }

  /**
   * {@code cause} stays readable for what needs more than the kind (a call's status in metrics).
   */
  JobFailure(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public static JobFailure permanent(String message) {
    return new JobFailure(Kind.PERMANENT, message);
  }

  public static JobFailure unavailable(String message) {
    return new JobFailure(Kind.UNAVAILABLE, message);
  }

  public Kind kind() {
    return kind;
  }

  /** Any failure as a JobFailure: unknown ones are retryable. */
  public static JobFailure of(Throwable failure) {
    if (failure instanceof JobFailure known) {
      return known;
    }
    String message =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new JobFailure(Kind.RETRYABLE, message);
  }
}
