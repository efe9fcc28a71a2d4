package io.synthos.cli;

/** A command that cannot go on: the line to print and the exit code that tells why. */
public class CliException extends RuntimeException {

  /** The command did what was asked and every threshold holds. */
  public static final int OK = 0;

  /** A threshold is unmet, a warranty is invalid, or the work could not be done. */
  public static final int FAILED = 1;

  /** The input is wrong: a missing file, an unknown option, a bad value, a refused request. */
  public static final int BAD_INPUT = 2;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CliException badInput(String message) {
    return new CliException(BAD_INPUT, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
