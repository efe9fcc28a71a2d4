package io.synthos.api;

import static io.synthos.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Text PostgreSQL cannot store is refused at the door, never a 500 from the insert. */
@DisplayName("The NUL character in requests")
class NulCharactersTest {

  @RegisterExtension static final NodeExtension node = new NodeExtension();

  private static Response register(String nameJson) {
    String body =
        "{\"email\":\"nul-"
            + UUID.randomUUID()
            + "@example.com\",\"password\":\"a long enough password 1\",\"name\":"
            + nameJson
            + "}";
    return HttpProbe.send(
        "POST",
        node.url("/api/v1/auth/register"),
        body.getBytes(StandardCharsets.UTF_8),
        "Content-Type",
        "application/json");
  }

  @Test
  @DisplayName("in a JSON string: 400 invalid-text, and no account is created")
  void inJson() {
    Response refused = register("\"Ada\\u0000Lovelace\"");

    assertProblem(refused, 400, "/problems/invalid-text");
  }

  @Test
  @DisplayName("an escaped backslash before u0000 is ordinary text and is kept as sent")
  void escapedBackslash() {
    Response created = register("\"C:\\\\u0000 folder\"");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().getString("name")).isEqualTo("C:\\u0000 folder");
  }

  @Test
  @DisplayName("in the query, such as an upload's name: 400 invalid-text")
  void inQuery() {
    Response refused =
        HttpProbe.send(
            "POST",
            node.url("/api/v1/datasets?name=a%00b.csv"),
            "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Bearer " + node.newAccessToken(),
            "Content-Type",
            "text/csv");

    assertProblem(refused, 400, "/problems/invalid-text");
  }
}
