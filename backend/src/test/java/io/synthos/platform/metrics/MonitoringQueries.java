package io.synthos.platform.metrics;

import io.synthos.testing.Repository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The metric names that the PromQL queries of {@code monitoring/} (every {@code expr}) use. */
final class MonitoringQueries {

  static final Path ROOT = Repository.file("monitoring");

  /** PromQL words that look like metric names. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "inf",
          "nan");

  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.\\]])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

  private MonitoringQueries() {}

  static Set<String> metricNames(Path file) throws IOException {
    String text = Files.readString(file);
    Set<String> exprs = new TreeSet<>();
    String name = file.getFileName().toString();
    if (name.endsWith(".json")) {
      collect(new JsonObject(text).getMap(), exprs);
    } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      collect(new Yaml(new SafeConstructor(new LoaderOptions())).load(text), exprs);
    }
    Set<String> names = new TreeSet<>();
    exprs.forEach(expr -> names.addAll(namesIn(expr)));
    return names;
  }

  /** The identifiers of a query that are neither functions, keywords nor label names. */
  static Set<String> namesIn(String expr) {
    String bare =
        expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("\\{[^}]*\\}", " ")
            .replaceAll("\\[[^\\]]*\\]", " ")
            .replaceAll(
                "(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\b\\d+(\\.\\d+)?(e[+-]?\\d+)?\\b", " ");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(bare);
    while (matcher.find()) {
      String word = matcher.group(1);
      if (!KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
        names.add(word);
      }
    }
    return names;
  }

  /**
   * Series that Prometheus makes ({@code up}) or the PostgreSQL and Redis exporters export, which
   * no Synthos node does.
   */
  static boolean fromElsewhere(String name) {
    return name.equals("up") || name.startsWith("pg_") || name.startsWith("redis_");
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object node, Set<String> exprs) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if ("expr".equals(key) && value instanceof String expr) {
              exprs.add(expr);
            } else {
              collect(value, exprs);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collect(item, exprs));
    } else if (node instanceof JsonObject json) {
      collect(json.getMap(), exprs);
    } else if (node instanceof JsonArray array) {
      collect(array.getList(), exprs);
    }
  }
}
