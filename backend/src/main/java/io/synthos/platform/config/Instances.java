package io.synthos.platform.config;

import java.util.Map;
import java.util.TreeMap;

/** Parses {@code api=4,orchestrator=2}: how many verticle instances each named role deploys. */
final class Instances {

  private static final int MAX = 256;

  private Instances() {}

  static Map<String, Integer> parse(String key, String text) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String part : text.split(",")) {
      String entry = part.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String role = equals < 0 ? "" : entry.substring(0, equals).strip().toLowerCase();
      if (role.isEmpty() || !role.matches("[a-z]+")) {
        throw new ConfigException(key, "'" + entry + "' is not role=count, e.g. api=4");
      }
      String expected = "a whole number from 1 to " + MAX;
      counts.put(role, Values.intIn(key, entry.substring(equals + 1).strip(), 1, MAX, expected));
    }
    return Map.copyOf(counts);
  }
}
