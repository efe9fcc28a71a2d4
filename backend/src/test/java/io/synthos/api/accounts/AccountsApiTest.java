package io.synthos.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@DisplayName("The accounts API")
class AccountsApiTest {

  static final String PASSWORD = TestNode.PASSWORD;

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(Map.of("ADMIN_USER", "admin", "ADMIN_PASSWORD", "bootstrap-Admin-pass-77"));

  static String email() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  static Response register(String email, String password) {
    return HttpProbe.postJson(
        node.url("/api/v1/auth/register"),
        new JsonObject().put("email", email).put("password", password).put("name", "Ada"));
  }

  static Response login(String email, String password) {
    return HttpProbe.postJson(
        node.url("/api/v1/auth/login"),
        new JsonObject().put("email", email).put("password", password));
  }

  /** Registers and logs in a fresh user; returns the token pair. */
  static JsonObject session() {
    String email = email();
    assertThat(register(email, PASSWORD).status()).isEqualTo(201);
    Response login = login(email, PASSWORD);
    assertThat(login.status()).isEqualTo(200);
    return login.json();
  }

  /** Registers a user and logs them in; answers the email, with the login's token pair. */
  static JsonObject user() {
    String email = email();
    assertThat(register(email, PASSWORD).status()).isEqualTo(201);
    return signIn(email).put("email", email);
  }

  /** A new login of a registered user: its token pair. */
  static JsonObject signIn(String email) {
    Response login = login(email, PASSWORD);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json();
  }

  static Response refresh(String token) {
    return HttpProbe.postJson(
        node.url("/api/v1/auth/refresh"), new JsonObject().put("refresh_token", token));
  }

  static Response me(String token) {
    return HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token);
  }

  static void assertProblem(Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    JsonObject problem = response.json();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isNotBlank();
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("request_id")).isEqualTo(response.header("X-Request-Id"));
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
  }

  @Nested
  @DisplayName("register")
  class Register {

    @Test
    @DisplayName("creates a user with a normalised email and answers 201 without the password")
    void success() {
      String email = email();
      Response response = register("  " + email.toUpperCase(java.util.Locale.ROOT) + " ", PASSWORD);

      assertThat(response.status()).isEqualTo(201);
      JsonObject user = response.json();
      assertThat(user.getString("email")).isEqualTo(email);
      assertThat(user.getString("name")).isEqualTo("Ada");
      assertThat(user.getString("role")).isEqualTo("user");
      assertThat(UUID.fromString(user.getString("id"))).isNotNull();
      assertThat(Instant.parse(user.getString("created_at")))
          .isBefore(Instant.now().plusSeconds(5));
      assertThat(response.body()).doesNotContain(PASSWORD).doesNotContain("argon2");
    }

    @Test
    @DisplayName("refuses a second account for the same email, whatever its case, with 409")
    void duplicate() {
      String email = email();
      assertThat(register(email, PASSWORD).status()).isEqualTo(201);

      Response again = register(email.toUpperCase(java.util.Locale.ROOT), PASSWORD);

      assertProblem(again, 409);
      assertThat(again.json().getString("type")).isEqualTo("/problems/email-taken");
    }

    @Test
    @DisplayName("refuses an invalid email with 400")
    void invalidEmail() {
      assertProblem(register("not-an-email", PASSWORD), 400);
      assertProblem(register("a@b", PASSWORD), 400);
    }

    @Test
    @DisplayName("refuses short, long and common passwords with 400 naming the rule")
    void weakPassword() {
      Response tooShort = register(email(), "Short-1");
      assertProblem(tooShort, 400);
      assertThat(tooShort.json().getString("type")).isEqualTo("/problems/weak-password");
      assertProblem(register(email(), "x".repeat(129)), 400);
      Response common = register(email(), "password1234");
      assertProblem(common, 400);
      assertThat(common.json().getString("detail")).containsIgnoringCase("common");
    }

    @Test
    @DisplayName("refuses a role sent by the client, and creates no account")
    void roleRefused() {
      String email = email();
      JsonObject body =
          new JsonObject()
              .put("email", email)
              .put("password", PASSWORD)
              .put("name", "Mallory")
              .put("role", "admin");
      Response refused = HttpProbe.postJson(node.url("/api/v1/auth/register"), body);

      assertProblem(refused, 400);
      assertThat(refused.body()).contains("role");
      body.remove("role");
      Response created = HttpProbe.postJson(node.url("/api/v1/auth/register"), body);
      assertThat(created.status()).as("the email was still free").isEqualTo(201);
      assertThat(created.json().getString("role")).isEqualTo("user");
    }

    @Test
    @DisplayName("gives exactly one account to fifty concurrent registrations of one email")
    void concurrentRegistrations() {
      JsonObject body =
          new JsonObject().put("email", email()).put("password", PASSWORD).put("name", "Racer");
      List<CompletableFuture<Response>> responses =
          IntStream.range(0, 50)
              .mapToObj(i -> HttpProbe.postJsonAsync(node.url("/api/v1/auth/register"), body))
              .toList();

      List<Integer> statuses =
          responses.stream().map(CompletableFuture::join).map(Response::status).toList();

      assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
      assertThat(statuses).filteredOn(status -> status == 409).hasSize(49);
    }
  }

  @Nested
  @DisplayName("login")
  class Login {

    @Test
    @DisplayName("answers a bearer token pair that no cache may keep")
    void success() {
      String email = email();
      register(email, PASSWORD);

      Response response = login(email, PASSWORD);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Cache-Control")).isEqualTo("no-store");
      JsonObject pair = response.json();
      assertThat(pair.getString("token_type")).isEqualTo("Bearer");
      assertThat(pair.getInteger("expires_in")).isEqualTo(900);
      assertThat(pair.getString("refresh_token")).startsWith("rt_");
      JsonObject claims = JwtForgery.claims(pair.getString("access_token"));
      assertThat(claims.fieldNames())
          .contains("sub", "role", "iat", "exp", "jti", "iss", "aud", "sid");
      assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
      assertThat(JwtForgery.header(pair.getString("access_token")).getString("kid")).isNotBlank();
      assertThat(me(pair.getString("access_token")).json().getString("email")).isEqualTo(email);
    }

    @Test
    @DisplayName("answers a wrong password and an unknown email with the same 401")
    void wrongPasswordAndUnknownUserLookAlike() {
      String email = email();
      register(email, PASSWORD);

      Response wrong = login(email, "not-the-password-at-all");
      Response unknown = login(email(), PASSWORD);

      assertProblem(wrong, 401);
      assertProblem(unknown, 401);
      JsonObject a = wrong.json().copy();
      JsonObject b = unknown.json().copy();
      a.remove("request_id");
      b.remove("request_id");
      assertThat(a).isEqualTo(b);
    }

    @Test
    @DisplayName("locks an account after repeated failures: 429 with Retry-After")
    void lockout() {
      String email = email();
      register(email, PASSWORD);
      for (int i = 0; i < 5; i++) {
        assertProblem(login(email, "wrong-password-" + i), 401);
      }

      Response locked = login(email, PASSWORD);

      assertProblem(locked, 429);
      assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 900);
    }

    @Test
    @DisplayName("logs the bootstrap admin in by name, as an admin")
    void bootstrapAdmin() {
      // Until the bootstrap has run, each try is a failed login: clear the lockout it would cause.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                TestInfra.get().clearSynthosKeys();
                return login("admin", "bootstrap-Admin-pass-77").status() == 200;
              });
      String token = login("admin", "bootstrap-Admin-pass-77").json().getString("access_token");

      assertThat(me(token).json().getString("role")).isEqualTo("admin");
    }
  }

  @Nested
  @DisplayName("refresh and logout")
  class Refresh {

    @Test
    @DisplayName("rotates the refresh token: the new pair works, the old token is spent")
    void rotation() {
      JsonObject first = session();

      Response second = refresh(first.getString("refresh_token"));

      assertThat(second.status()).isEqualTo(200);
      assertThat(second.json().getString("refresh_token"))
          .isNotEqualTo(first.getString("refresh_token"));
      assertThat(me(second.json().getString("access_token")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("refuses a garbage refresh token with 401")
    void garbage() {
      assertProblem(refresh("rt_garbage"), 401);
    }

    @Test
    @DisplayName(
        "ends the whole login when a spent token comes back: its refresh and access tokens, at"
            + " once; another login of the user goes on")
    void reuseEndsTheLogin() {
      JsonObject first = user();
      JsonObject other = signIn(first.getString("email"));
      JsonObject second = refresh(first.getString("refresh_token")).json();
      assertThat(me(first.getString("access_token")).status()).isEqualTo(200);
      assertThat(me(second.getString("access_token")).status()).isEqualTo(200);

      Response reuse = refresh(first.getString("refresh_token"));

      assertProblem(reuse, 401);
      assertThat(reuse.json().getString("type")).isEqualTo("/problems/invalid-refresh-token");
      assertThat(reuse.json().getString("detail")).contains("already used");
      assertProblem(me(first.getString("access_token")), 401);
      assertProblem(me(second.getString("access_token")), 401);
      assertProblem(refresh(second.getString("refresh_token")), 401);
      assertThat(me(other.getString("access_token")).status()).isEqualTo(200);
      assertThat(refresh(other.getString("refresh_token")).status()).isEqualTo(200);
      assertThat(me(signIn(first.getString("email")).getString("access_token")).status())
          .isEqualTo(200);
    }

    @Test
    @DisplayName(
        "logout ends the login: its refresh token and every access token it issued; another"
            + " login of the user goes on")
    void logout() {
      JsonObject first = user();
      JsonObject other = signIn(first.getString("email"));
      JsonObject pair = refresh(first.getString("refresh_token")).json();
      String access = pair.getString("access_token");

      Response out =
          HttpProbe.postJson(
              node.url("/api/v1/auth/logout"),
              new JsonObject().put("refresh_token", pair.getString("refresh_token")),
              "Authorization",
              "Bearer " + access);

      assertThat(out.status()).isEqualTo(204);
      assertProblem(me(access), 401);
      assertProblem(me(first.getString("access_token")), 401);
      assertProblem(refresh(pair.getString("refresh_token")), 401);
      assertThat(me(other.getString("access_token")).status()).isEqualTo(200);
    }
  }

  @Nested
  @DisplayName("password change")
  class PasswordChange {

    static final String NEW_PASSWORD = "marble-Harbour-17-quill";

    private Response change(String token, String current, String replacement) {
      return HttpProbe.postJson(
          node.url("/api/v1/auth/password"),
          new JsonObject().put("current_password", current).put("new_password", replacement),
          "Authorization",
          "Bearer " + token);
    }

    @Test
    @DisplayName("replaces the password and ends every other login, keeping the caller's")
    void changes() {
      JsonObject mine = user();
      String email = mine.getString("email");
      JsonObject other = signIn(email);

      Response changed = change(mine.getString("access_token"), PASSWORD, NEW_PASSWORD);

      assertThat(changed.status()).as(changed.body()).isEqualTo(204);
      assertProblem(me(other.getString("access_token")), 401);
      assertProblem(refresh(other.getString("refresh_token")), 401);
      assertThat(me(mine.getString("access_token")).status()).isEqualTo(200);
      assertThat(refresh(mine.getString("refresh_token")).status()).isEqualTo(200);
      assertProblem(login(email, PASSWORD), 401);
      assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("refuses a wrong current password with 403 wrong-password, changing nothing")
    void wrongCurrentPassword() {
      JsonObject mine = user();
      JsonObject other = signIn(mine.getString("email"));

      Response refused =
          change(mine.getString("access_token"), "not-the-password-at-all", NEW_PASSWORD);

      assertProblem(refused, 403);
      assertThat(refused.json().getString("type")).isEqualTo("/problems/wrong-password");
      assertThat(refused.json().getString("detail")).contains("current password is wrong");
      assertUnchanged(mine, other);
    }

    @Test
    @DisplayName("refuses a weak new password with 400 weak-password, changing nothing")
    void weakPassword() {
      JsonObject mine = user();
      JsonObject other = signIn(mine.getString("email"));

      Response refused = change(mine.getString("access_token"), PASSWORD, "password1234");

      assertProblem(refused, 400);
      assertThat(refused.json().getString("type")).isEqualTo("/problems/weak-password");
      assertUnchanged(mine, other);
    }

    /** The password is still the old one, and the user's other login goes on. */
    private void assertUnchanged(JsonObject mine, JsonObject other) {
      assertThat(me(other.getString("access_token")).status()).isEqualTo(200);
      assertThat(login(mine.getString("email"), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("locks the account after repeated wrong passwords, as logins do: 429")
    void lockout() {
      JsonObject mine = user();
      String token = mine.getString("access_token");
      for (int i = 0; i < 5; i++) {
        assertProblem(change(token, "wrong-password-" + i, NEW_PASSWORD), 403);
      }

      Response locked = change(token, PASSWORD, NEW_PASSWORD);

      assertProblem(locked, 429);
      assertThat(locked.json().getString("type")).isEqualTo("/problems/account-locked");
      assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 900);
      assertProblem(login(mine.getString("email"), PASSWORD), 429);
    }
  }
}
