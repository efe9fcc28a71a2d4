package io.synthos.api.accounts;

import static io.synthos.api.accounts.AccountsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@DisplayName("API keys")
class ApiKeysApiTest {

  @RegisterExtension static final NodeExtension node = new NodeExtension();

  private static String accessToken() {
    return node.newAccessToken();
  }

  private static Response create(String token, String name) {
    return HttpProbe.postJson(
        node.url("/api/v1/auth/api-keys"),
        new JsonObject().put("name", name),
        "Authorization",
        "Bearer " + token);
  }

  @Test
  @DisplayName("are shown once, then authenticate by X-API-Key or Authorization: ApiKey")
  void createAndUse() {
    String token = accessToken();

    Response created = create(token, "ci runner");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).isEqualTo("no-store");
    String key = created.json().getString("key");
    assertThat(key).startsWith("sk_").hasSizeGreaterThan(40);
    assertThat(created.json().getString("prefix")).isEqualTo(key.substring(0, 10));
    Response listed =
        HttpProbe.get(node.url("/api/v1/auth/api-keys"), "Authorization", "Bearer " + token);
    assertThat(listed.body()).doesNotContain(key);
    assertThat(listed.json().getJsonArray("items")).hasSize(1);

    assertThat(HttpProbe.get(node.url("/api/v1/auth/me"), "X-API-Key", key).status())
        .isEqualTo(200);
    assertThat(
            HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "ApiKey " + key).status())
        .isEqualTo(200);
    assertProblem(HttpProbe.get(node.url("/api/v1/auth/me"), "X-API-Key", key + "x"), 401);
  }

  @Test
  @DisplayName("stop working once revoked; someone else's key is a 404")
  void revoke() {
    String owner = accessToken();
    String stranger = accessToken();
    JsonObject created = create(owner, "temporary").json();
    String path = "/api/v1/auth/api-keys/" + created.getString("id");

    assertProblem(HttpProbe.delete(node.url(path), "Authorization", "Bearer " + stranger), 404);
    assertThat(
            HttpProbe.get(node.url("/api/v1/auth/me"), "X-API-Key", created.getString("key"))
                .status())
        .isEqualTo(200);

    assertThat(HttpProbe.delete(node.url(path), "Authorization", "Bearer " + owner).status())
        .isEqualTo(204);
    assertProblem(
        HttpProbe.get(node.url("/api/v1/auth/me"), "X-API-Key", created.getString("key")), 401);
    assertProblem(HttpProbe.delete(node.url(path), "Authorization", "Bearer " + owner), 404);
  }

  @Test
  @DisplayName("list a page at a time with an opaque cursor")
  void pagination() {
    String token = accessToken();
    for (int i = 0; i < 3; i++) {
      assertThat(create(token, "key " + i).status()).isEqualTo(201);
    }

    JsonObject first =
        HttpProbe.get(node.url("/api/v1/auth/api-keys?limit=2"), "Authorization", "Bearer " + token)
            .json();
    String cursor = first.getString("next_cursor");
    JsonObject second =
        HttpProbe.get(
                node.url("/api/v1/auth/api-keys?limit=2&cursor=" + cursor),
                "Authorization",
                "Bearer " + token)
            .json();

    assertThat(first.getJsonArray("items")).hasSize(2);
    assertThat(cursor).isNotBlank();
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.getString("next_cursor")).isNull();
    Set<String> ids = new HashSet<>(ids(first.getJsonArray("items")));
    ids.addAll(ids(second.getJsonArray("items")));
    assertThat(ids).hasSize(3);

    assertProblem(
        HttpProbe.get(
            node.url("/api/v1/auth/api-keys?cursor=bogus!"), "Authorization", "Bearer " + token),
        400);
    assertProblem(
        HttpProbe.get(
            node.url("/api/v1/auth/api-keys?limit=1000"), "Authorization", "Bearer " + token),
        400);
  }

  private static Set<String> ids(JsonArray items) {
    Set<String> ids = new HashSet<>();
    items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }
}
