package io.synthos.launcher;

/** The process could not start; the message is one line fit for the terminal. */
public final class StartupException extends Exception {

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
