package io.synthos.platform.config;

import java.util.Locale;

/** Parses configuration text into typed values, failing with the key and the reason. */
final class Values {

  private Values() {}

  static int port(String key, String text) {
    return intIn(key, text, 1, 65_535, "a port number (1-65535)");
  }

  static int intIn(String key, String text, int min, int max, String expected) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected shape
    }
    throw new ConfigException(key, "'" + text + "' is not " + expected);
  }

  static boolean bool(String key, String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(key, "'" + text + "' is not true or false");
    };
  }

  static <E extends Enum<E>> E oneOf(String key, String text, Class<E> type) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.trim())) {
        return constant;
      }
    }
    throw new ConfigException(
        key,
        "'"
            + text
            + "' is not one of "
            + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
  }
}
