package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.TestResources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Verifying a warranty envelope")
class EnvelopeVerifierTest {

  private static final SigningKey KEY = Fixtures.newKey();
  private static final SigningKey OTHER = Fixtures.newKey();
  private static final Map<String, ECPublicKey> TRUSTED = Map.of(KEY.kid(), KEY.publicKey());
  private static final Instant NOW = Fixtures.ISSUED.plusSeconds(3600);
  private static final Predicate<String> NONE_REVOKED = id -> false;

  private final JsonObject envelope = Dsse.sign(Fixtures.statement("w-1").toJson(), KEY);

  @Test
  @DisplayName("a fresh envelope for the expected dataset is valid and returns its statement")
  void valid() {
    Verdict verdict = verify(envelope, TRUSTED, NOW, Fixtures.DATASET_SHA256, NONE_REVOKED);

    assertThat(verdict).isEqualTo(new Verdict(true, null, Fixtures.statement("w-1").toJson()));
  }

  @Test
  @DisplayName("a changed payload is a bad signature")
  void tamperedPayload() {
    String forged = payload(envelope).replace("\"standard\"", "\"premium\"");
    JsonObject tampered = envelope.copy().put("payload", base64(forged));

    assertThat(verify(tampered, TRUSTED, NOW, null, NONE_REVOKED).reason())
        .isEqualTo(Verdict.BAD_SIGNATURE);
  }

  @Test
  @DisplayName("an envelope signed by a key that is not trusted names an unknown key")
  void unknownKey() {
    JsonObject foreign = Dsse.sign(Fixtures.statement("w-1").toJson(), OTHER);

    assertThat(verify(foreign, TRUSTED, NOW, null, NONE_REVOKED).reason())
        .isEqualTo(Verdict.UNKNOWN_KEY);
  }

  @Test
  @DisplayName("another key's signature listed under a trusted key id is a bad signature")
  void signatureOfAnotherKey() {
    JsonObject foreign = Dsse.sign(Fixtures.statement("w-1").toJson(), OTHER);
    foreign.getJsonArray("signatures").getJsonObject(0).put("keyid", KEY.kid());

    assertThat(verify(foreign, TRUSTED, NOW, null, NONE_REVOKED).reason())
        .isEqualTo(Verdict.BAD_SIGNATURE);
  }

  @Test
  @DisplayName("an envelope is expired from its expires_at on, not a second before")
  void expired() {
    Instant expiry = Fixtures.EXPIRES;

    assertThat(verify(envelope, TRUSTED, expiry.minusSeconds(1), null, NONE_REVOKED).valid())
        .isTrue();
    assertThat(verify(envelope, TRUSTED, expiry, null, NONE_REVOKED).reason())
        .isEqualTo(Verdict.EXPIRED);
  }

  @Test
  @DisplayName("a revoked warranty id is revoked")
  void revoked() {
    Verdict verdict = verify(envelope, TRUSTED, NOW, null, "w-1"::equals);

    assertThat(verdict.reason()).isEqualTo(Verdict.REVOKED);
    assertThat(verdict.valid()).isFalse();
  }

  @Test
  @DisplayName("another dataset's digest is a digest mismatch, and the reference's digest too")
  void digestMismatch() {
    assertThat(verify(envelope, TRUSTED, NOW, "c3".repeat(32), NONE_REVOKED).reason())
        .isEqualTo(Verdict.DIGEST_MISMATCH);
    assertThat(verify(envelope, TRUSTED, NOW, Fixtures.REFERENCE_SHA256, NONE_REVOKED).reason())
        .isEqualTo(Verdict.DIGEST_MISMATCH);
    assertThat(
            verify(envelope, TRUSTED, NOW, Fixtures.DATASET_SHA256.toUpperCase(), NONE_REVOKED)
                .valid())
        .isTrue();
  }

  @Test
  @DisplayName("the owner's salt with the reference's or holdout's digest confirms its commitment")
  void commitmentConfirmed() {
    Disclosure both =
        new Disclosure(Fixtures.SALT, Fixtures.REFERENCE_SHA256, Fixtures.HOLDOUT_SHA256);
    Disclosure reference = new Disclosure(Fixtures.SALT, Fixtures.REFERENCE_SHA256, null);
    Disclosure holdout = new Disclosure(Fixtures.SALT.toUpperCase(), null, Fixtures.HOLDOUT_SHA256);

    assertThat(verify(envelope, NOW, both).valid()).isTrue();
    assertThat(verify(envelope, NOW, reference).valid()).isTrue();
    assertThat(verify(envelope, NOW, holdout).valid()).isTrue();
  }

  @Test
  @DisplayName("another file, another salt, or the datasets swapped is a commitment mismatch")
  void commitmentDenied() {
    List<Disclosure> wrong =
        List.of(
            new Disclosure(Fixtures.SALT, "c3".repeat(32), null),
            new Disclosure("ee".repeat(32), Fixtures.REFERENCE_SHA256, null),
            new Disclosure(Fixtures.SALT, Fixtures.HOLDOUT_SHA256, Fixtures.REFERENCE_SHA256),
            new Disclosure(Fixtures.SALT, Fixtures.REFERENCE_SHA256, "c3".repeat(32)));

    for (Disclosure disclosure : wrong) {
      assertThat(verify(envelope, NOW, disclosure).reason())
          .as(disclosure.toString())
          .isEqualTo(Verdict.COMMITMENT_MISMATCH);
    }
  }

  @Test
  @DisplayName("a warranty without real data commits to no reference")
  void noCommitment() {
    JsonObject alone = Dsse.sign(Fixtures.withoutRealData("w-2").toJson(), KEY);

    assertThat(verify(alone, TRUSTED, NOW, Fixtures.DATASET_SHA256, NONE_REVOKED).valid()).isTrue();
    assertThat(
            verify(alone, NOW, new Disclosure(Fixtures.SALT, Fixtures.REFERENCE_SHA256, null))
                .reason())
        .isEqualTo(Verdict.COMMITMENT_MISMATCH);
  }

  @Test
  @DisplayName("a v1 envelope as the first issuer signed it still verifies, and commits to nothing")
  void v1StillVerifies() {
    JsonObject old = new JsonObject(TestResources.text(Fixtures.V1_ENVELOPE));
    Map<String, ECPublicKey> keys =
        Jwks.parse(new JsonObject(TestResources.text(Fixtures.V1_JWKS)));
    String forged = payload(old).replace("\"standard\"", "\"premium\"");

    Verdict verdict =
        EnvelopeVerifier.verify(old, keys, NOW, Fixtures.DATASET_SHA256, NONE_REVOKED);

    assertThat(verdict.valid()).as(verdict.reason()).isTrue();
    assertThat(verdict.statement().getString("predicateType"))
        .isEqualTo("https://synthos.dev/warranty/v1");
    assertThat(EnvelopeVerifier.verify(old, keys, NOW, "c3".repeat(32), NONE_REVOKED).reason())
        .isEqualTo(Verdict.DIGEST_MISMATCH);
    assertThat(
            EnvelopeVerifier.verify(
                    old.copy().put("payload", base64(forged)), keys, NOW, null, NONE_REVOKED)
                .reason())
        .isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(
            EnvelopeVerifier.verify(
                    old,
                    keys,
                    NOW,
                    null,
                    new Disclosure(Fixtures.SALT, Fixtures.REFERENCE_SHA256, null),
                    NONE_REVOKED)
                .reason())
        .isEqualTo(Verdict.COMMITMENT_MISMATCH);
  }

  @Test
  @DisplayName("checks run in order: an expired, revoked envelope by an unknown key is unknown-key")
  void order() {
    JsonObject foreign = Dsse.sign(Fixtures.statement("w-1").toJson(), OTHER);

    assertThat(verify(foreign, TRUSTED, Fixtures.EXPIRES, "c3".repeat(32), id -> true).reason())
        .isEqualTo(Verdict.UNKNOWN_KEY);
    assertThat(verify(envelope, TRUSTED, Fixtures.EXPIRES, "c3".repeat(32), id -> true).reason())
        .isEqualTo(Verdict.EXPIRED);
    assertThat(verify(envelope, TRUSTED, NOW, "c3".repeat(32), id -> true).reason())
        .isEqualTo(Verdict.REVOKED);
    Disclosure wrong = new Disclosure(Fixtures.SALT, "c3".repeat(32), null);
    assertThat(
            EnvelopeVerifier.verify(envelope, TRUSTED, NOW, "c3".repeat(32), wrong, NONE_REVOKED)
                .reason())
        .isEqualTo(Verdict.DIGEST_MISMATCH);
  }

  static Stream<Arguments> garbage() {
    JsonObject valid = Dsse.sign(Fixtures.statement("w-1").toJson(), KEY);
    JsonObject signature = valid.getJsonArray("signatures").getJsonObject(0);
    JsonObject statement = Fixtures.statement("w-1").toJson();
    return Stream.of(
        Arguments.of("an empty object", new JsonObject()),
        Arguments.of("a payload that is not base64", valid.copy().put("payload", "%%% not base64")),
        Arguments.of("a payload that is not JSON", valid.copy().put("payload", base64("not json"))),
        Arguments.of(
            "a payload that is a JSON array", valid.copy().put("payload", base64("[1,2]"))),
        Arguments.of(
            "a payload nested 100000 deep",
            valid.copy().put("payload", base64("[".repeat(100_000)))),
        Arguments.of("a payload that is a number", valid.copy().put("payload", 12)),
        Arguments.of("another payload type", valid.copy().put("payloadType", "text/plain")),
        Arguments.of("no envelope at all", null),
        Arguments.of("no signatures", without(valid, "signatures")),
        Arguments.of("an empty signature list", valid.copy().put("signatures", new JsonArray())),
        Arguments.of(
            "a signature that is a string",
            valid.copy().put("signatures", new JsonArray().add("sig"))),
        Arguments.of(
            "a sig that is not base64",
            valid
                .copy()
                .put("signatures", new JsonArray().add(signature.copy().put("sig", "***")))),
        Arguments.of(
            "a signature without keyid",
            valid.copy().put("signatures", new JsonArray().add(without(signature, "keyid")))),
        Arguments.of(
            "a keyid that is a number",
            valid.copy().put("signatures", new JsonArray().add(signature.copy().put("keyid", 7)))),
        Arguments.of(
            "an expiry that is a huge number",
            envelopeOf(
                statement
                    .copy()
                    .put(
                        "predicate",
                        statement
                            .getJsonObject("predicate")
                            .copy()
                            .put("expires_at", new BigInteger("9".repeat(400)))))),
        Arguments.of(
            "an expiry beyond the calendar",
            envelopeOf(
                statement
                    .copy()
                    .put(
                        "predicate",
                        statement
                            .getJsonObject("predicate")
                            .copy()
                            .put("expires_at", "+99999999999-01-01T00:00:00Z")))),
        Arguments.of("no subject", envelopeOf(without(statement, "subject"))),
        Arguments.of(
            "a v2 predicate without commitments",
            envelopeOf(
                statement
                    .copy()
                    .put(
                        "predicate",
                        without(statement.getJsonObject("predicate"), "commitments")))),
        Arguments.of(
            "commitments of another scheme",
            envelopeOf(withCommitments(statement, "algorithm", "sha256"))),
        Arguments.of(
            "a commitment that is a number",
            envelopeOf(withCommitments(statement, "reference", 7))),
        Arguments.of(
            "an unknown predicate version",
            envelopeOf(statement.copy().put("predicateType", "https://synthos.dev/warranty/v3"))),
        Arguments.of("another statement type", envelopeOf(statement.copy().put("_type", "x"))));
  }

  @ParameterizedTest(name = "{0} is malformed")
  @MethodSource("garbage")
  @DisplayName("garbage is malformed, never an exception")
  void garbageIsMalformed(String description, JsonObject garbage) {
    Verdict verdict = verify(garbage, TRUSTED, NOW, Fixtures.DATASET_SHA256, NONE_REVOKED);

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).isEqualTo(Verdict.MALFORMED);
  }

  private static Verdict verify(
      JsonObject envelope,
      Map<String, ECPublicKey> keys,
      Instant now,
      String sha256,
      Predicate<String> revoked) {
    return EnvelopeVerifier.verify(envelope, keys, now, sha256, revoked);
  }

  private static Verdict verify(JsonObject envelope, Instant now, Disclosure disclosure) {
    return EnvelopeVerifier.verify(
        envelope, TRUSTED, now, Fixtures.DATASET_SHA256, disclosure, NONE_REVOKED);
  }

  private static JsonObject withCommitments(JsonObject statement, String field, Object value) {
    JsonObject changed = statement.copy();
    changed.getJsonObject("predicate").getJsonObject("commitments").put(field, value);
    return changed;
  }

  private static JsonObject envelopeOf(JsonObject statement) {
    return Dsse.sign(statement, KEY);
  }

  private static JsonObject without(JsonObject json, String field) {
    JsonObject copy = json.copy();
    copy.remove(field);
    return copy;
  }

  private static String payload(JsonObject envelope) {
    return new String(
        Base64.getDecoder().decode(envelope.getString("payload")), StandardCharsets.UTF_8);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
