package io.synthos.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;

/** Assertions on the RFC 9457 problem details the API answers errors with. */
public final class Problems {

  private Problems() {}

  /** A problem+json of this status and type, with the request id, and no stack trace. */
  public static JsonObject assertProblem(HttpProbe.Response response, int status, String type) {
    assertThat(response.status()).as("%.500s", response.body()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    JsonObject problem = response.json();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isEqualTo(type);
    assertThat(problem.getString("request_id")).isEqualTo(response.header("X-Request-Id"));
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    return problem;
  }
}
