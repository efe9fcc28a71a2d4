package io.synthos.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.http.ProblemException;
import io.synthos.testing.MutableClock;
import io.synthos.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The token service")
class TokenServiceTest {

  /** The settings {@code env} makes, with the test nodes' secret unless it names another key. */
  private static SynthosConfig.Jwt settings(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(Map.of("JWT_SECRET", TestNode.JWT_SECRET));
    all.putAll(env);
    return ConfigLoader.load(Optional.empty(), all).jwt();
  }

  @Test
  @DisplayName("never signs with an empty secret, which only the launcher fills in")
  void noEmptySecret(Vertx vertx) {
    SynthosConfig.Jwt unset = settings(Map.of("JWT_SECRET", ""));

    assertThat(unset.needsGeneratedSecret()).isTrue();
    assertThatThrownBy(() -> new TokenService(vertx, unset))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no JWT secret");
  }

  @Test
  @DisplayName("verifies the HS256 tokens it issues, with their claims")
  void roundTrip(Vertx vertx, VertxTestContext ctx) {
    TokenService tokens = new TokenService(vertx, settings(Map.of()));
    UUID user = UUID.randomUUID();
    TokenService.IssuedToken issued = tokens.issue(user, Principal.ADMIN);

    tokens
        .verify(issued.token())
        .onComplete(
            ctx.succeeding(
                principal ->
                    ctx.verify(
                        () -> {
                          assertThat(principal.userId()).isEqualTo(user);
                          assertThat(principal.role()).isEqualTo(Principal.ADMIN);
                          assertThat(principal.tokenId()).isEqualTo(issued.tokenId());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("names the login a token comes from (sid), and none in a token of no login")
  void namesTheLogin(Vertx vertx, VertxTestContext ctx) {
    TokenService tokens = new TokenService(vertx, settings(Map.of()));
    UUID login = UUID.randomUUID();
    TokenService.IssuedToken ofLogin = tokens.issue(UUID.randomUUID(), Principal.USER, login);
    TokenService.IssuedToken older = tokens.issue(UUID.randomUUID(), Principal.USER);

    Future.all(tokens.verify(ofLogin.token()), tokens.verify(older.token()))
        .onComplete(
            ctx.succeeding(
                both ->
                    ctx.verify(
                        () -> {
                          assertThat(both.<Principal>resultAt(0).sessionId())
                              .isEqualTo(login.toString());
                          assertThat(both.<Principal>resultAt(1).sessionId()).isNull();
                          assertThat(both.<Principal>resultAt(0).isApiKey()).isFalse();
                          assertThat(both.<Principal>resultAt(0).scopes()).isEqualTo(Scope.ALL);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName(
      "signs ES256 with a key pair from files, and refuses HS256 forged with the public key")
  void es256(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Path privateKey =
        Files.writeString(
            dir.resolve("jwt.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
    Path publicKey = Files.writeString(dir.resolve("jwt.pub"), publicPem);
    TokenService tokens =
        new TokenService(
            vertx,
            settings(
                Map.of(
                    "JWT_PRIVATE_KEY_FILE",
                    privateKey.toString(),
                    "JWT_PUBLIC_KEY_FILE",
                    publicKey.toString())));
    String token = tokens.issue(UUID.randomUUID(), Principal.USER).token();
    JsonObject header = decode(token.split("\\.")[0]);
    String confused = hs256(header.copy().put("alg", "HS256"), token.split("\\.")[1], publicPem);

    assertThat(header.getString("alg")).isEqualTo("ES256");
    tokens
        .verify(token)
        .compose(valid -> tokens.verify(confused).map(accepted -> "accepted").otherwise("refused"))
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isEqualTo("refused");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("answers a token it verified before from memory, but only until it expires")
  void remembersUntilExpiry(Vertx vertx, VertxTestContext ctx) {
    MutableClock clock = new MutableClock(Instant.now());
    TokenService tokens = new TokenService(vertx, settings(Map.of()), clock);
    TokenService.IssuedToken issued = tokens.issue(UUID.randomUUID(), Principal.USER);

    tokens
        .verify(issued.token())
        .compose(
            first -> {
              clock.advance(Duration.ofSeconds(issued.expiresInSeconds() - 5));
              return tokens.verify(issued.token());
            })
        .compose(
            stillValid -> {
              clock.advance(Duration.ofSeconds(10));
              return tokens
                  .verify(issued.token())
                  .map("accepted")
                  .otherwise(TokenServiceTest::status);
            })
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isEqualTo("401");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("refuses a verified token's text with its signature changed")
  void rememberedTextOnly(Vertx vertx, VertxTestContext ctx) {
    TokenService tokens = new TokenService(vertx, settings(Map.of()));
    String token = tokens.issue(UUID.randomUUID(), Principal.USER).token();
    String lastOfSignature = token.substring(token.length() - 2, token.length() - 1);
    String forged =
        token.substring(0, token.length() - 2)
            + (lastOfSignature.equals("A") ? "B" : "A")
            + token.substring(token.length() - 1);

    tokens
        .verify(token)
        .compose(valid -> tokens.verify(forged).map("accepted").otherwise(TokenServiceTest::status))
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isEqualTo("401");
                          ctx.completeNow();
                        })));
  }

  private static String status(Throwable failure) {
    return failure instanceof ProblemException problem
        ? String.valueOf(problem.problem().status())
        : failure.toString();
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static JsonObject decode(String part) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  /** An HS256 token whose HMAC key is the given text: the classic algorithm-confusion forgery. */
  private static String hs256(JsonObject header, String claimsPart, String key) throws Exception {
    String input =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(header.encode().getBytes(StandardCharsets.UTF_8))
            + "."
            + claimsPart;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return input
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }
}
