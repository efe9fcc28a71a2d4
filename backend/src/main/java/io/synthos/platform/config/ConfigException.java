package io.synthos.platform.config;

/** A configuration value that cannot be used; the message names the key and the problem. */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  /** The environment variable or configuration key at fault. */
  public String key() {
    return key;
  }
}
