package io.synthos.platform.config;

/** A configuration value that must never appear in a log line or an error message. */
public record Secret(String value) {

  public boolean isEmpty() {
    return value == null || value.isEmpty();
  }

  @Override
  public String toString() {
    return isEmpty() ? "(empty)" : "(secret)";
  }
}
