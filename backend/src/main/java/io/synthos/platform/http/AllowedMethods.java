package io.synthos.platform.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The methods a router serves on a path, for the {@code Allow} header of a 405. */
final class AllowedMethods {

  private AllowedMethods() {}

  static String of(Router router, String path) {
    return router.getRoutes().stream()
        .filter(route -> route.getPath() != null && matches(route, path))
        .flatMap(route -> route.methods() == null ? Stream.empty() : route.methods().stream())
        .map(HttpMethod::name)
        .distinct()
        .sorted()
        .collect(Collectors.joining(", "));
  }

  /** Matches {@code /a/:id} and {@code /a/*} templates, the two shapes Synthos routes use. */
  private static boolean matches(Route route, String path) {
    String template = route.getPath();
    if (template.endsWith("*")) {
      return path.startsWith(template.substring(0, template.length() - 1));
    }
    String[] expected = template.split("/", -1);
    String[] actual = path.split("/", -1);
    if (expected.length != actual.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (!expected[i].startsWith(":") && !expected[i].equals(actual[i])) {
        return false;
      }
    }
    return true;
  }
}
