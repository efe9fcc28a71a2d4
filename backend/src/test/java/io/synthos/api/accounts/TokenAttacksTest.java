package io.synthos.api.accounts;

import static io.synthos.api.accounts.AccountsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens an attacker could make. Each is built by hand from a real token; the first test proves the
 * forging itself is sound (a well-formed forgery with the real key is accepted), so each refusal
 * below is due to the one thing that test changed.
 */
@Tag("integration")
@DisplayName("Access tokens")
class TokenAttacksTest {

  @RegisterExtension static final NodeExtension node = new NodeExtension();

  private static String token;
  private static JsonObject header;
  private static JsonObject claims;

  @BeforeAll
  static void signIn() {
    token = node.newAccessToken();
    header = JwtForgery.header(token);
    claims = JwtForgery.claims(token);
  }

  private static Response me(String presented) {
    return HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + presented);
  }

  private static JsonObject freshClaims() {
    long now = Instant.now().getEpochSecond();
    return claims
        .copy()
        .put("jti", UUID.randomUUID().toString())
        .put("iat", now)
        .put("exp", now + 600);
  }

  @Test
  @DisplayName("a forgery signed with the real key and valid claims is accepted (the control)")
  void control() {
    assertThat(me(JwtForgery.hs256(header, freshClaims(), TestNode.JWT_SECRET)).status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("no token at all: 401 with WWW-Authenticate")
  void missing() {
    Response response = HttpProbe.get(node.url("/api/v1/auth/me"));
    assertProblem(response, 401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  @DisplayName("altered claims under the original signature: 401")
  void tampered() {
    assertProblem(me(JwtForgery.tampered(token)), 401);
  }

  @Test
  @DisplayName("expired: 401")
  void expired() {
    long now = Instant.now().getEpochSecond();
    assertProblem(
        me(
            JwtForgery.hs256(
                header,
                freshClaims().put("iat", now - 3600).put("exp", now - 60),
                TestNode.JWT_SECRET)),
        401);
  }

  @Test
  @DisplayName("expired by one second: 401 (no leeway)")
  void expiredByOneSecond() {
    long now = Instant.now().getEpochSecond();
    assertProblem(
        me(
            JwtForgery.hs256(
                header,
                freshClaims().put("iat", now - 600).put("exp", now - 1),
                TestNode.JWT_SECRET)),
        401);
  }

  @Test
  @DisplayName("not valid yet: 401")
  void notYetValid() {
    long now = Instant.now().getEpochSecond();
    assertProblem(
        me(JwtForgery.hs256(header, freshClaims().put("nbf", now + 3600), TestNode.JWT_SECRET)),
        401);
  }

  @Test
  @DisplayName("alg none, unsigned: 401")
  void algNone() {
    assertProblem(me(JwtForgery.unsigned(header.copy().put("alg", "none"), freshClaims())), 401);
    assertProblem(me(JwtForgery.unsigned(header.copy().put("alg", "None"), freshClaims())), 401);
  }

  @Test
  @DisplayName("signature stripped: 401")
  void strippedSignature() {
    assertProblem(me(token.substring(0, token.lastIndexOf('.') + 1)), 401);
  }

  @Test
  @DisplayName("signed with another key: 401")
  void wrongKey() {
    assertProblem(
        me(JwtForgery.hs256(header, freshClaims(), "another-secret-of-at-least-thirty-two-chars")),
        401);
  }

  @Test
  @DisplayName("another algorithm in the header (algorithm confusion): 401")
  void algorithmConfusion() {
    assertProblem(
        me(JwtForgery.hs256(header.copy().put("alg", "HS512"), freshClaims(), TestNode.JWT_SECRET)),
        401);
    assertProblem(
        me(JwtForgery.hs256(header.copy().put("alg", "ES256"), freshClaims(), TestNode.JWT_SECRET)),
        401);
  }

  @Test
  @DisplayName("wrong audience or issuer: 401")
  void wrongAudienceOrIssuer() {
    assertProblem(
        me(JwtForgery.hs256(header, freshClaims().put("aud", "someone-else"), TestNode.JWT_SECRET)),
        401);
    assertProblem(
        me(JwtForgery.hs256(header, freshClaims().put("iss", "someone-else"), TestNode.JWT_SECRET)),
        401);
  }

  @Test
  @DisplayName("a header pointing at a key (jku, jwk) or naming another key id: 401")
  void keyBearingHeaders() {
    assertProblem(
        me(
            JwtForgery.hs256(
                header.copy().put("jku", "http://127.0.0.1:1/keys"),
                freshClaims(),
                TestNode.JWT_SECRET)),
        401);
    assertProblem(
        me(
            JwtForgery.hs256(
                header.copy().put("jwk", new JsonObject().put("kty", "oct")),
                freshClaims(),
                TestNode.JWT_SECRET)),
        401);
    assertProblem(
        me(JwtForgery.hs256(header.copy().put("kid", "other"), freshClaims(), TestNode.JWT_SECRET)),
        401);
  }

  @Test
  @DisplayName("key-bearing headers (jku, x5u, jwk) never make the server fetch anything: 401")
  void noOutboundFetch() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    HttpServer keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    keys.createContext(
        "/",
        exchange -> {
          fetches.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    keys.start();
    try {
      String url = "http://127.0.0.1:" + keys.getAddress().getPort() + "/keys";
      for (String field : List.of("jku", "x5u")) {
        assertProblem(
            me(
                JwtForgery.hs256(
                    header.copy().put(field, url),
                    freshClaims(),
                    "attacker-key-0123456789abcdef0123")),
            401);
        assertProblem(
            me(JwtForgery.hs256(header.copy().put(field, url), freshClaims(), TestNode.JWT_SECRET)),
            401);
      }
      assertThat(fetches.get()).as("requests the server made to the attacker's URL").isZero();
    } finally {
      keys.stop(0);
    }
  }

  @Test
  @DisplayName("a key id with a path or SQL in it: 401")
  void hostileKeyIds() {
    for (String kid :
        List.of(
            "../../../../../../dev/null",
            "/etc/passwd",
            "' OR '1'='1",
            "x\"; DROP TABLE users; --")) {
      assertProblem(
          me(JwtForgery.hs256(header.copy().put("kid", kid), freshClaims(), TestNode.JWT_SECRET)),
          401);
      assertProblem(
          me(
              JwtForgery.hs256(
                  header.copy().put("kid", kid),
                  freshClaims(),
                  "a-key-the-attacker-chose-0123456789")),
          401);
    }
    assertThat(me(JwtForgery.hs256(header, freshClaims(), TestNode.JWT_SECRET)).status())
        .as("the users table is still there")
        .isEqualTo(200);
  }

  @Test
  @DisplayName("a role the issuer never grants: 401")
  void unknownRole() {
    assertProblem(
        me(JwtForgery.hs256(header, freshClaims().put("role", "root"), TestNode.JWT_SECRET)), 401);
  }
}
