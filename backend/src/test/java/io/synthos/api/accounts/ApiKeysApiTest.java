package io.synthos.api.accounts;

import static io.synthos.api.accounts.AccountsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestNode;
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

  /** A new key of the token's user that may use {@code scopes} (both when null). */
  private static String key(String token, JsonArray scopes) {
    JsonObject body = new JsonObject().put("name", "scoped");
    if (scopes != null) {
      body.put("scopes", scopes);
    }
    Response created =
        HttpProbe.postJson(
            node.url("/api/v1/auth/api-keys"), body, "Authorization", "Bearer " + token);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("key");
  }

  /** The user's keys, as listed with a login's token. */
  private static JsonArray keysOf(String token) {
    return HttpProbe.get(node.url("/api/v1/auth/api-keys"), "Authorization", "Bearer " + token)
        .json()
        .getJsonArray("items");
  }

  private static void assertForbidden(Response response, String type) {
    assertProblem(response, 403);
    assertThat(response.json().getString("type")).isEqualTo("/problems/" + type);
  }

  @Test
  @DisplayName("get both scopes unless created with fewer, and show them when created and listed")
  void scopes() {
    String token = accessToken();

    Response both = create(token, "both");
    Response readOnly =
        HttpProbe.postJson(
            node.url("/api/v1/auth/api-keys"),
            new JsonObject().put("name", "read only").put("scopes", new JsonArray().add("read")),
            "Authorization",
            "Bearer " + token);

    assertThat(both.json().getJsonArray("scopes")).containsExactly("read", "write");
    assertThat(readOnly.status()).isEqualTo(201);
    assertThat(readOnly.json().getJsonArray("scopes")).containsExactly("read");
    assertThat(keysOf(token))
        .extracting(item -> ((JsonObject) item).getJsonArray("scopes"))
        .containsExactlyInAnyOrder(
            new JsonArray().add("read"), new JsonArray().add("read").add("write"));
  }

  @Test
  @DisplayName("refuse no scope, an unknown one, or one twice with 400, and create nothing")
  void badScopes() {
    String token = accessToken();
    for (JsonArray scopes :
        new JsonArray[] {
          new JsonArray(), new JsonArray().add("admin"), new JsonArray().add("read").add("read")
        }) {
      assertProblem(
          HttpProbe.postJson(
              node.url("/api/v1/auth/api-keys"),
              new JsonObject().put("name", "bad").put("scopes", scopes),
              "Authorization",
              "Bearer " + token),
          400);
    }
    assertThat(keysOf(token)).isEmpty();
  }

  @Test
  @DisplayName("cannot create API keys nor change the password: 403 login-required")
  void loginOnly() {
    JsonObject session = node.newSession();
    String key = key(session.getString("access_token"), null);

    Response mint =
        HttpProbe.postJson(
            node.url("/api/v1/auth/api-keys"),
            new JsonObject().put("name", "minted by a key"),
            "X-API-Key",
            key);
    Response password =
        HttpProbe.postJson(
            node.url("/api/v1/auth/password"),
            new JsonObject()
                .put("current_password", TestNode.PASSWORD)
                .put("new_password", "marble-Harbour-17-quill"),
            "Authorization",
            "ApiKey " + key);

    assertForbidden(mint, "login-required");
    assertThat(mint.json().getString("detail")).contains("API keys cannot do this");
    assertForbidden(password, "login-required");
    assertThat(keysOf(session.getString("access_token"))).as("no key minted").hasSize(1);
    assertThat(
            HttpProbe.get(
                    node.url("/api/v1/auth/me"),
                    "Authorization",
                    "Bearer " + session.getString("access_token"))
                .status())
        .as("the login goes on: the password did not change")
        .isEqualTo(200);
  }

  @Test
  @DisplayName("with 'read' only, can GET but gets 403 insufficient-scope on a POST or DELETE")
  void readOnly() {
    JsonObject session = node.newSession();
    String token = session.getString("access_token");
    String key = key(token, new JsonArray().add("read"));
    JsonObject other = create(token, "other").json();

    Response logout =
        HttpProbe.postJson(
            node.url("/api/v1/auth/logout"),
            new JsonObject().put("refresh_token", session.getString("refresh_token")),
            "X-API-Key",
            key);
    Response revoke =
        HttpProbe.delete(
            node.url("/api/v1/auth/api-keys/" + other.getString("id")), "X-API-Key", key);

    assertThat(HttpProbe.get(node.url("/api/v1/auth/me"), "X-API-Key", key).status())
        .isEqualTo(200);
    assertThat(HttpProbe.get(node.url("/api/v1/auth/api-keys"), "X-API-Key", key).status())
        .isEqualTo(200);
    assertForbidden(logout, "insufficient-scope");
    assertThat(logout.json().getString("detail")).contains("lacks the 'write' scope");
    assertForbidden(revoke, "insufficient-scope");
    assertThat(
            HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token).status())
        .as("the login was not ended")
        .isEqualTo(200);
    assertThat(
            HttpProbe.get(node.url("/api/v1/auth/me"), "X-API-Key", other.getString("key"))
                .status())
        .as("the other key was not revoked")
        .isEqualTo(200);
  }

  @Test
  @DisplayName("with 'write' only, can change things but gets 403 insufficient-scope on a GET")
  void writeOnly() {
    String token = accessToken();
    String key = key(token, new JsonArray().add("write"));
    JsonObject other = create(token, "other").json();

    Response read = HttpProbe.get(node.url("/api/v1/auth/me"), "X-API-Key", key);

    assertForbidden(read, "insufficient-scope");
    assertThat(read.json().getString("detail")).contains("lacks the 'read' scope");
    assertThat(
            HttpProbe.delete(
                    node.url("/api/v1/auth/api-keys/" + other.getString("id")), "X-API-Key", key)
                .status())
        .isEqualTo(204);
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
