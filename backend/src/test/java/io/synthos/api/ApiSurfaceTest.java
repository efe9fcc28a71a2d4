package io.synthos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What every endpoint shares: request ids, headers, errors, limits, CORS and the docs. */
@Tag("integration")
@DisplayName("The API surface")
class ApiSurfaceTest {

  private static final String ORIGIN = "https://app.example";

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          Map.of(
              "HTTP_BODY_LIMIT_BYTES", "4096",
              "CORS_ALLOWED_ORIGINS", ORIGIN,
              "RATE_LIMIT_PER_USER", "5",
              "RATE_LIMIT_LOGIN_PER_IP", "3",
              "RATE_LIMIT_REGISTER_PER_IP", "3"));

  private static void assertProblem(Response response, int status, String type) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.json().getInteger("status")).isEqualTo(status);
    assertThat(response.json().getString("type")).isEqualTo(type);
    assertThat(response.json().getString("request_id")).isEqualTo(response.header("X-Request-Id"));
  }

  private static Response register(String body, String contentType) {
    return HttpProbe.post(node.url("/api/v1/auth/register"), body, "Content-Type", contentType);
  }

  @Test
  @DisplayName("echoes a sane X-Request-Id and replaces an insane one")
  void requestIds() {
    assertThat(
            HttpProbe.get(node.url("/health"), "X-Request-Id", "trace-42.a:b")
                .header("X-Request-Id"))
        .isEqualTo("trace-42.a:b");
    String replaced =
        HttpProbe.get(node.url("/health"), "X-Request-Id", "x".repeat(65)).header("X-Request-Id");
    assertThat(UUID.fromString(replaced)).isNotNull();
    assertThat(UUID.fromString(HttpProbe.get(node.url("/health")).header("X-Request-Id")))
        .isNotNull();
  }

  @Test
  @DisplayName("sends security headers on every response")
  void securityHeaders() {
    for (Response response :
        new Response[] {HttpProbe.get(node.url("/health")), HttpProbe.get(node.url("/nowhere"))}) {
      assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    }
  }

  @Test
  @DisplayName(
      "answers malformed JSON with 400, another content type with 415, too large a body with 413")
  void badBodies() {
    assertProblem(register("{\"email\": ", "application/json"), 400, "/problems/malformed-request");
    assertProblem(register("email=a@b.c", "text/plain"), 415, "/problems/unsupported-media-type");
    String big =
        new JsonObject()
            .put("email", "big@example.com")
            .put("password", "p".repeat(8000))
            .put("name", "x")
            .encode();
    assertProblem(register(big, "application/json"), 413, "/problems/payload-too-large");
  }

  @Test
  @DisplayName("names every contract violation in a 400")
  void validationErrors() {
    Response response =
        register(new JsonObject().put("email", "x@example.com").encode(), "application/json");

    assertProblem(response, 400, "/problems/validation-failed");
    assertThat(response.json().getJsonArray("errors")).isNotEmpty();
  }

  @Test
  @DisplayName("answers unknown routes with 404 and wrong methods with 405 and Allow")
  void routing() {
    assertProblem(HttpProbe.get(node.url("/api/v1/nothing")), 404, "about:blank");
    Response wrongMethod = HttpProbe.delete(node.url("/api/v1/auth/me"));
    assertProblem(wrongMethod, 405, "about:blank");
    assertThat(wrongMethod.allow()).isEqualTo("GET");
  }

  @Test
  @DisplayName("limits each user's requests: 429 with Retry-After and RateLimit headers")
  void perUserLimit() {
    String token = node.newAccessToken();
    Response first = HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token);
    assertThat(first.header("RateLimit-Limit")).isEqualTo("5");
    assertThat(first.header("RateLimit-Remaining")).isEqualTo("4");
    for (int i = 0; i < 4; i++) {
      assertThat(
              HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token)
                  .status())
          .isEqualTo(200);
    }

    Response refused =
        HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token);

    assertProblem(refused, 429, "/problems/rate-limited");
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
  }

  @Test
  @DisplayName("limits logins and registrations per client address")
  void perAddressLimits() {
    JsonObject login =
        new JsonObject().put("email", "nobody@example.com").put("password", "irrelevant-password");
    for (int i = 0; i < 3; i++) {
      assertThat(
              HttpProbe.postJson(
                      node.url("/api/v1/auth/login"),
                      login.copy().put("email", "n" + i + "@example.com"))
                  .status())
          .isEqualTo(401);
    }
    Response refused = HttpProbe.postJson(node.url("/api/v1/auth/login"), login);
    assertProblem(refused, 429, "/problems/rate-limited");
    assertThat(refused.header("Retry-After")).isNotBlank();

    for (int i = 0; i < 3; i++) {
      JsonObject user =
          new JsonObject()
              .put("email", "r" + i + "-" + UUID.randomUUID() + "@example.com")
              .put("password", TestNode.PASSWORD)
              .put("name", "R");
      assertThat(HttpProbe.postJson(node.url("/api/v1/auth/register"), user).status())
          .isEqualTo(201);
    }
    JsonObject fourth =
        new JsonObject()
            .put("email", UUID.randomUUID() + "@example.com")
            .put("password", TestNode.PASSWORD)
            .put("name", "R");
    assertProblem(
        HttpProbe.postJson(node.url("/api/v1/auth/register"), fourth),
        429,
        "/problems/rate-limited");
  }

  @Test
  @DisplayName("allows the configured origin by CORS, and no other")
  void cors() {
    Response allowed = HttpProbe.get(node.url("/health"), "Origin", ORIGIN);
    Response other = HttpProbe.get(node.url("/health"), "Origin", "https://evil.example");

    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(other.header("Access-Control-Allow-Origin")).isEmpty();
    assertProblem(other, 403, "about:blank");
  }

  @Test
  @DisplayName("serves its contract and Swagger UI from the jar")
  void docs() {
    Response contract = HttpProbe.get(node.url("/openapi.yaml"));
    assertThat(contract.status()).isEqualTo(200);
    assertThat(contract.body()).contains("openapi: 3.1");

    Response page = HttpProbe.get(node.url("/docs/"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
    assertThat(HttpProbe.get(node.url("/docs/swagger-ui-bundle.js")).status()).isEqualTo(200);
    assertThat(HttpProbe.get(node.url("/docs")).status()).isEqualTo(302);
  }
}
