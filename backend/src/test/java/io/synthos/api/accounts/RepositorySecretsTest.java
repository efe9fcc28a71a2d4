package io.synthos.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.Repository;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node as the README's first command starts it (development mode, no JWT secret configured, a
 * fresh data directory) refuses an admin token signed with any string an attacker can read in the
 * repository: whatever conf/ and src/main hold, and the secrets the tests use.
 */
@Tag("integration")
@DisplayName("A node with no JWT secret configured")
class RepositorySecretsTest {

  // Empty, as conf/synthos.yaml ships it: the node makes its own in its fresh data directory.
  @RegisterExtension static final NodeExtension node = new NodeExtension(Map.of("JWT_SECRET", ""));

  private static String realKid;
  private static JsonObject attackerClaims;
  private static String attackerToken;
  private static String victimId;

  @BeforeAll
  static void twoUsers() {
    attackerToken = node.newAccessToken();
    realKid = JwtForgery.header(attackerToken).getString("kid");
    attackerClaims = JwtForgery.claims(attackerToken);
    victimId = JwtForgery.claims(node.newAccessToken()).getString("sub");
  }

  /** Someone else's usage: admins only. */
  private static Response victimsUsage(String token) {
    return HttpProbe.get(
        node.url("/api/v1/analytics/usage?user_id=" + victimId),
        "Authorization",
        "Bearer " + token);
  }

  /** The attacker's claims made admin's, fresh, as a forger would write them. */
  private static JsonObject adminClaims() {
    long now = Instant.now().getEpochSecond();
    return attackerClaims
        .copy()
        .put("role", "admin")
        .put("jti", UUID.randomUUID().toString())
        .put("iat", now)
        .put("exp", now + 600);
  }

  private static JsonObject header(String kid) {
    return new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid);
  }

  @Test
  @DisplayName("signs with a secret of its data directory, and the route is admin-only (controls)")
  void controls() throws Exception {
    Path file = node.config().jwtSecretFile();
    String secret = Files.readString(file).strip();

    assertThat(realKid).as("the node's key id names the file's secret").isEqualTo(kidOf(secret));
    // A forgery with the node's own secret passes: each refusal below is due to the key alone.
    assertThat(victimsUsage(JwtForgery.hs256(header(realKid), adminClaims(), secret)).status())
        .isEqualTo(200);
    assertThat(victimsUsage(attackerToken).status()).isEqualTo(403);
  }

  @Test
  @DisplayName("refuses with 401 an admin token signed with any secret-looking string it ships")
  void refusesEveryRepositoryString() throws Exception {
    Set<String> shipped = new TreeSet<>();
    Set<String> fromConf = SecretLookingStrings.under(Repository.file("conf"));
    Set<String> fromMain = new TreeSet<>();
    Set<String> fromTests = new TreeSet<>();
    for (String module : List.of("backend", "ml-services")) {
      fromMain.addAll(SecretLookingStrings.under(Repository.file(module, "src/main")));
      fromTests.addAll(
          SecretLookingStrings.besideSecretWords(Repository.file(module, "src/test/java")));
    }
    shipped.addAll(fromConf);
    shipped.addAll(fromMain);
    shipped.addAll(fromTests);
    // The scan reads every tree (it cannot pass by finding nothing) and finds the tests' secrets.
    assertThat(fromConf).isNotEmpty();
    assertThat(fromMain).hasSizeGreaterThan(100);
    assertThat(fromTests).contains(TestNode.JWT_SECRET);

    List<String> accepted =
        shipped.stream()
            .filter(
                candidate ->
                    victimsUsage(JwtForgery.hs256(header(realKid), adminClaims(), candidate))
                                .status()
                            != 401
                        || victimsUsage(
                                    JwtForgery.hs256(
                                        header(kidOf(candidate)), adminClaims(), candidate))
                                .status()
                            != 401)
            .toList();

    assertThat(accepted).as("strings that signed a token the node did not refuse").isEmpty();
  }

  /** The key id the node would announce if this string were its secret. */
  private static String kidOf(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return "hs256-" + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
