package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON Web Key Sets")
class JwksTest {

  // RFC 7517 appendix A.1 (public) and A.2 (its private scalar d).
  private static final String X = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
  private static final String Y = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";
  private static final String D = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";

  @Test
  @DisplayName("the public key derived from RFC 7517's private scalar is its published point")
  void derivesThePublishedPoint() {
    ECPublicKey key = P256.publicKeyOf(new BigInteger(1, Base64.getUrlDecoder().decode(D)));

    assertThat(Jwks.jwk(key).getString("x")).isEqualTo(X);
    assertThat(Jwks.jwk(key).getString("y")).isEqualTo(Y);
  }

  @Test
  @DisplayName("a JWKS lists each key as an ES256 signing JWK and parses back by key id")
  void roundTrips() {
    ECPublicKey first = Fixtures.newKey().publicKey();
    ECPublicKey second = Fixtures.newKey().publicKey();

    JsonObject jwks = Jwks.of(List.of(first, second));
    Map<String, ECPublicKey> parsed = Jwks.parse(jwks);

    assertThat(jwks.getJsonArray("keys").getJsonObject(0).fieldNames())
        .containsExactly("kty", "crv", "x", "y", "kid", "alg", "use");
    assertThat(jwks.getJsonArray("keys").getJsonObject(0).getString("alg")).isEqualTo("ES256");
    assertThat(jwks.getJsonArray("keys").getJsonObject(0).getString("use")).isEqualTo("sig");
    assertThat(parsed.keySet()).containsExactly(Jwks.thumbprint(first), Jwks.thumbprint(second));
    assertThat(parsed.get(Jwks.thumbprint(second)).getW()).isEqualTo(second.getW());
  }

  @Test
  @DisplayName("a point off the curve, a short coordinate or another key type is refused")
  void refusesBadKeys() {
    String otherY = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

    assertThat(Jwks.parse(jwks(new JsonObject().put("x", X).put("y", Y)))).containsKey("k");
    assertThatThrownBy(() -> Jwks.parse(jwks(new JsonObject().put("x", X).put("y", otherY))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not on P-256");
    assertThatThrownBy(() -> Jwks.parse(jwks(new JsonObject().put("x", "AAAA").put("y", Y))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(
            () -> Jwks.parse(jwks(new JsonObject().put("x", X).put("y", Y).put("kty", "RSA"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Jwks.parse(new JsonObject()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonObject jwks(JsonObject coordinates) {
    JsonObject jwk = new JsonObject().put("kty", "EC").put("crv", "P-256").put("kid", "k");
    return new JsonObject().put("keys", new JsonArray().add(jwk.mergeIn(coordinates)));
  }
}
