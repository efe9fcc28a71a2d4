package io.synthos.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Validations for tests that need one finished, not the API's details of getting there. */
public final class TestValidations {

  private TestValidations() {}

  /** Asks for the validation {@code body} as the token's user, with any other headers. */
  public static HttpProbe.Response ask(
      NodeExtension node, String token, JsonObject body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = "Bearer " + token;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return HttpProbe.postJson(node.url("/api/v1/validations/create"), body, all);
  }

  /** Asks for the validation {@code body} and waits until it completes; answers its id. */
  public static String completed(NodeExtension node, String token, JsonObject body) {
    HttpProbe.Response created = ask(node, token, body);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String id = created.json().getString("validation_id");
    awaitCompleted(node, token, id, Duration.ofMinutes(2));
    return id;
  }

  /** Waits until validation {@code id} has completed, for at most {@code within}. */
  public static void awaitCompleted(NodeExtension node, String token, String id, Duration within) {
    await()
        .atMost(within)
        .until(
            () ->
                "completed"
                    .equals(
                        HttpProbe.get(
                                node.url("/api/v1/validations/" + id),
                                "Authorization",
                                "Bearer " + token)
                            .json()
                            .getString("status")));
  }
}
