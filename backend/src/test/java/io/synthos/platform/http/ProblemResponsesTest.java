package io.synthos.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Problem responses")
class ProblemResponsesTest {

  @Test
  @DisplayName("log an upload URL without its token, which is a credential, and other paths as is")
  void loggablePath() {
    assertThat(ProblemResponses.loggable("/api/v1/datasets/uploads/upl_9f3c2a7b1e"))
        .isEqualTo("/api/v1/datasets/uploads/{token}")
        .doesNotContain("upl_9f3c2a7b1e");
    assertThat(ProblemResponses.loggable("/api/v1/datasets/0b8e5c3a"))
        .isEqualTo("/api/v1/datasets/0b8e5c3a");
  }
}
