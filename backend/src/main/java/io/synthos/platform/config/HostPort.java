package io.synthos.platform.config;

/**
 * A network address written as {@code host:port}, as the seed system's {@code *_ADDR} variables.
 */
public record HostPort(String host, int port) {

  static HostPort parse(String key, String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ConfigException(key, "'" + text + "' is not an address of the form host:port");
    }
    String host = text.substring(0, colon).trim();
    int port = Values.port(key, text.substring(colon + 1).trim());
    return new HostPort(host, port);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
