package io.synthos.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The catalogue of problem types")
class ProblemTypeTest {

  /** The title each status has always been answered with; clients may show it. */
  private static final Map<Integer, String> TITLES =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"),
          Map.entry(413, "Payload Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"));

  @Test
  @DisplayName("answers a kind as /problems/<slug> with its status and title, and this detail")
  void answersWithTypeStatusTitleAndDetail() {
    JsonObject json =
        ProblemType.PAYLOAD_TOO_LARGE.problem("A job payload holds at most 64 KiB.").toJson();

    assertThat(json)
        .isEqualTo(
            new JsonObject()
                .put("type", "/problems/payload-too-large")
                .put("title", "Payload Too Large")
                .put("status", 413)
                .put("detail", "A job payload holds at most 64 KiB."));
    assertThat(ProblemType.EMAIL_TAKEN.exception("Taken.").problem().slug())
        .isEqualTo("email-taken");
  }

  @Test
  @DisplayName("names each kind once, as lowercase words joined by hyphens, with a 4xx or 5xx")
  void namesEachKindOnce() {
    Set<String> slugs = new HashSet<>();
    for (ProblemType type : ProblemType.values()) {
      assertThat(slugs.add(type.slug())).as(type.name()).isTrue();
      assertThat(type.slug()).as(type.name()).matches("[a-z]+(-[a-z]+)*");
      assertThat(type.type()).isEqualTo("/problems/" + type.slug());
      assertThat(type.status()).as(type.name()).isBetween(400, 599);
    }
  }

  @Test
  @DisplayName("titles every kind of one status as that status has always been titled")
  void titlesByStatus() {
    for (ProblemType type : ProblemType.values()) {
      assertThat(TITLES).as(type.name()).containsKey(type.status());
      assertThat(type.title()).as(type.name()).isEqualTo(TITLES.get(type.status()));
    }
  }

  @Test
  @DisplayName("sends the headers a kind must carry, such as Retry-After")
  void carriesHeaders() {
    ProblemException busy =
        ProblemType.SERVER_BUSY.exception("Retry shortly.", Map.of("Retry-After", "1"));

    assertThat(busy.headers()).containsExactly(Map.entry("Retry-After", "1"));
    assertThat(busy.problem().type()).isEqualTo("/problems/server-busy");
    assertThat(busy.problem().status()).isEqualTo(503);
  }
}
