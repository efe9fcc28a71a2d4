package io.synthos.platform.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads a YAML configuration file into settings; unknown keys are errors, not silently ignored. */
final class YamlSettings {

  private YamlSettings() {}

  static Map<Setting, ConfigValue> read(String source, String text) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new ConfigException(source, "not valid YAML (" + firstLine(e.getMessage()) + ")");
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    if (root instanceof Map<?, ?> map) {
      flatten("", map, flat);
    } else if (root != null) {
      throw new ConfigException(source, "must hold a mapping of keys to values");
    }
    Map<Setting, ConfigValue> settings = new EnumMap<>(Setting.class);
    flat.forEach(
        (key, value) -> {
          Setting setting = byKey(source, key);
          settings.put(
              setting,
              new ConfigValue(value == null ? "" : String.valueOf(value), source + ": " + key));
        });
    return settings;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
    map.forEach(
        (key, value) -> {
          String path = prefix + key;
          if (value instanceof Map<?, ?> nested) {
            flatten(path + ".", nested, into);
          } else {
            into.put(path, value);
          }
        });
  }

  private static Setting byKey(String source, String key) {
    for (Setting setting : Setting.values()) {
      if (setting.key().equals(key)) {
        return setting;
      }
    }
    throw new ConfigException(source + ": " + key, "unknown configuration key");
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
