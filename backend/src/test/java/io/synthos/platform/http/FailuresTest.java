package io.synthos.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.web.handler.HttpException;
import java.net.ConnectException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("What a failed route answers")
class FailuresTest {

  @ParameterizedTest(name = "status {0} -> {1} {2}")
  @CsvSource({
    "400, 400, /problems/malformed-request",
    "401, 401, /problems/invalid-token",
    "413, 413, /problems/payload-too-large",
    "415, 415, /problems/unsupported-media-type",
    "418, 418, about:blank",
    "429, 429, about:blank",
    "500, 500, about:blank",
    "503, 503, about:blank",
    "504, 504, about:blank",
    "-1, 500, about:blank"
  })
  @DisplayName("a bare status becomes its problem; anything unexplained is a 500 that hides why")
  void byStatus(int status, int answered, String type) {
    Problem problem = Failures.toProblem(status, new RuntimeException("secret detail")).problem();

    assertThat(problem.status()).isEqualTo(answered);
    assertThat(problem.type()).isEqualTo(type);
    assertThat(problem.toJson().encode()).doesNotContain("secret detail");
  }

  @Test
  @DisplayName("a problem raised by a handler, even wrapped by Vert.x, is answered as raised")
  void raisedProblem() {
    ProblemException raised = ProblemType.NOT_READY.exception("Not ready.");

    assertThat(Failures.toProblem(500, raised)).isSameAs(raised);
    assertThat(Failures.toProblem(400, new HttpException(400, raised))).isSameAs(raised);
  }

  @Test
  @DisplayName("a lost database connection, even wrapped, is a 503 the client may retry")
  void storeUnavailable() {
    ProblemException answered =
        Failures.toProblem(
            500,
            new HttpException(500, new RuntimeException("query", new ConnectException("refused"))));

    assertThat(answered.problem().status()).isEqualTo(503);
    assertThat(answered.problem().type()).isEqualTo("/problems/store-unavailable");
    assertThat(answered.headers()).containsEntry("Retry-After", "5");
  }
}
