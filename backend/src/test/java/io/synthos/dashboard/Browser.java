package io.synthos.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cookie-keeping HTTP client for the dashboard's tests: follows no redirect, so tests see them,
 * and sends back every cookie the dashboard set, as a browser on the same origin would.
 */
final class Browser {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  Browser(String base) {
    this.base = base;
  }

  HttpResponse<String> get(String path) throws Exception {
    return keep(CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** Posts a form; {@code fields}: name, value, name, value… */
  HttpResponse<String> post(String path, String... fields) throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return keep(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** Opens an event stream; its lines arrive as the server writes them. */
  CompletableFuture<HttpResponse<Stream<String>>> stream(String path, String... headers) {
    HttpRequest.Builder request = request(path).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
  }

  String cookie(String name) {
    return cookies.get(name);
  }

  /** The {@code Cookie} header this browser sends, for a hand-made request. */
  String cookieHeader() {
    return cookies.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (!cookies.isEmpty()) {
      builder.header("Cookie", cookieHeader());
    }
    return builder;
  }

  private <T> HttpResponse<T> keep(HttpResponse<T> response) {
    List<String> set = response.headers().allValues("Set-Cookie");
    for (String header : set) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return response;
  }
}
