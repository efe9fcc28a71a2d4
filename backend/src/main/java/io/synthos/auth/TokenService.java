package io.synthos.auth;

import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and verifies access tokens (JWT): HS256 with {@code JWT_SECRET}, or ES256 with an EC key
 * pair. Verification accepts only the configured algorithm and key id, the configured issuer and
 * audience, and refuses any header that points at a key ({@code jku}, {@code jwk}, {@code x5u},
 * {@code x5c}): Synthos never fetches or trusts a key a token brings.
 */
final class TokenService {

  private static final Logger log = LoggerFactory.getLogger(TokenService.class);
  private static final Set<String> KEY_BEARING_HEADERS = Set.of("jku", "jwk", "x5u", "x5c");

  /** How many verified tokens are remembered; past it they are all forgotten at once. */
  static final int REMEMBERED_TOKENS = 4096;

  private final JWTAuth jwt;
  // A token already verified needs only its expiry checked again: same text, same signature.
  private final Map<String, Principal> verified = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SynthosConfig.Jwt settings;
  private final String algorithm;
  private final String keyId;

  TokenService(Vertx vertx, SynthosConfig.Jwt settings) {
    this(vertx, settings, Clock.systemUTC());
  }

  TokenService(Vertx vertx, SynthosConfig.Jwt settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.algorithm = settings.usesKeyPair() ? "ES256" : "HS256";
    JWTAuthOptions options =
        new JWTAuthOptions()
            .setJWTOptions(
                new JWTOptions()
                    .setIssuer(settings.issuer())
                    .setAudience(List.of(settings.audience())));
    if (settings.usesKeyPair()) {
      String publicPem = read(settings.publicKeyFile().orElseThrow());
      keyId = "es256-" + SecretTokens.sha256Hex(publicPem).substring(0, 12);
      options.addPubSecKey(
          new PubSecKeyOptions()
              .setAlgorithm(algorithm)
              .setId(keyId)
              .setBuffer(read(settings.privateKeyFile().orElseThrow())));
      options.addPubSecKey(
          new PubSecKeyOptions().setAlgorithm(algorithm).setId(keyId).setBuffer(publicPem));
    } else {
      if (settings.secret().isEmpty()) {
        // Development mode's secret is filled in by the launcher; never sign with an empty key.
        throw new IllegalStateException("no JWT secret: start the node through the Launcher");
      }
      // The key id names the key without revealing it: a short hash of a 32+ character secret.
      keyId = "hs256-" + SecretTokens.sha256Hex(settings.secret().value()).substring(0, 12);
      options.addPubSecKey(
          new PubSecKeyOptions()
              .setAlgorithm(algorithm)
              .setId(keyId)
              .setBuffer(settings.secret().value()));
    }
    this.jwt = JWTAuth.create(vertx, options);
  }

  /** A token of no login, as tokens issued before logins were named in them (tests, tools). */
  IssuedToken issue(UUID userId, String role) {
    return issue(userId, role, null);
  }

  /**
   * A signed access token for the user, valid for the configured lifetime, naming the login it
   * comes from ({@code sid}) so that ending the login refuses it.
   */
  IssuedToken issue(UUID userId, String role, UUID sessionId) {
    String tokenId = UUID.randomUUID().toString();
    int ttl = (int) settings.accessTtl().toSeconds();
    JsonObject claims = new JsonObject().put("role", role).put("jti", tokenId);
    if (sessionId != null) {
      claims.put("sid", sessionId.toString());
    }
    String token =
        jwt.generateToken(
            claims,
            new JWTOptions()
                .setAlgorithm(algorithm)
                .setExpiresInSeconds(ttl)
                .setSubject(userId.toString())
                .setIssuer(settings.issuer())
                .setAudience(List.of(settings.audience()))
                .setHeader(new JsonObject().put("kid", keyId)));
    return new IssuedToken(token, tokenId, ttl);
  }

  /**
   * The verified claims of a token, or a 401 problem saying only that the token is not valid. A
   * token verified before is answered from memory until it expires.
   */
  Future<Principal> verify(String token) {
    Principal known = verified.get(token);
    if (known != null) {
      if (clock.instant().isBefore(known.expiresAt())) {
        return Future.succeededFuture(known);
      }
      verified.remove(token);
      return Future.failedFuture(invalid());
    }
    String rejection = headerRejection(token);
    if (rejection != null) {
      log.debug("token refused before verification: {}", rejection);
      return Future.failedFuture(invalid());
    }
    return jwt.authenticate(new TokenCredentials(token))
        .map(user -> remember(token, toPrincipal(user.attributes().getJsonObject("accessToken"))))
        .recover(
            failure -> {
              log.debug("token refused: {}", failure.getMessage());
              return Future.failedFuture(invalid());
            });
  }

  private Principal remember(String token, Principal principal) {
    if (verified.size() >= REMEMBERED_TOKENS) {
      verified.clear();
    }
    verified.put(token, principal);
    return principal;
  }

  /** Vert.x keeps the verified claims under the {@code accessToken} attribute of the user. */
  private Principal toPrincipal(JsonObject claims) {
    if (claims == null) {
      throw invalid();
    }
    String jti = claims.getString("jti");
    String role = claims.getString("role");
    Long exp = claims.getLong("exp");
    if (jti == null
        || exp == null
        || !(Principal.USER.equals(role) || Principal.ADMIN.equals(role))) {
      throw invalid();
    }
    return Principal.accessToken(
        UUID.fromString(claims.getString("sub")),
        role,
        jti,
        claims.getString("sid"),
        Instant.ofEpochSecond(exp));
  }

  /** Refuses before any cryptography a token whose header names another algorithm or key. */
  private String headerRejection(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return "not a JWT";
    }
    JsonObject header;
    try {
      header =
          new JsonObject(
              new String(
                  Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return "unreadable header";
    }
    if (!algorithm.equals(header.getString("alg"))) {
      return "algorithm " + header.getString("alg");
    }
    if (!keyId.equals(header.getString("kid"))) {
      return "unknown key id";
    }
    return header.fieldNames().stream().anyMatch(KEY_BEARING_HEADERS::contains)
        ? "key-bearing header"
        : null;
  }

  static io.synthos.platform.http.ProblemException invalid() {
    return ProblemType.INVALID_TOKEN.exception(
        "The access token or API key is missing, invalid, expired or revoked.");
  }

  private static String read(java.nio.file.Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** An access token with its id and lifetime in seconds. */
  record IssuedToken(String token, String tokenId, int expiresInSeconds) {}
}
