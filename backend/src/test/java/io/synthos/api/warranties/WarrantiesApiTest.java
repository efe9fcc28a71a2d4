package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.EventStream;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The product flow end to end through HTTP, with every service real: register, upload, validate,
 * follow, read, warrant, verify as an outsider would, open the commitments, revoke. One validation
 * serves every test, and only its basic tier passes: a test that needs a new warranty revokes the
 * live one first ({@link #fresh}).
 */
@Tag("integration")
@DisplayName("Warranties")
class WarrantiesApiTest {

  @RegisterExtension static final NodeExtension node = NodeExtension.allServices();

  private static final String REAL_CSV = TestDatasets.people(400, 1);
  private static final String HOLDOUT_CSV = TestDatasets.people(400, 3);

  private static String token;
  private static String validation;
  private static String syntheticSha256;
  private static String realSha256;
  private static String holdoutSha256;

  /**
   * Register, log in, upload real, holdout and synthetic data, validate express, follow it to the
   * end.
   */
  @BeforeAll
  static void validated() throws Exception {
    token = node.newSession().getString("access_token");
    String real = TestDatasets.ready(node, token, "real.csv", REAL_CSV);
    String holdout = TestDatasets.ready(node, token, "holdout.csv", HOLDOUT_CSV);
    String synthetic =
        TestDatasets.ready(node, token, "synthetic.csv", TestDatasets.people(400, 2));
    syntheticSha256 = sha256Of(synthetic);
    realSha256 = sha256Of(real);
    holdoutSha256 = sha256Of(holdout);
    Response created =
        HttpProbe.postJson(
            node.url("/api/v1/validations/create"),
            new JsonObject()
                .put("dataset_id", synthetic)
                .put("reference_dataset_id", real)
                .put("holdout_dataset_id", holdout)
                .put("target_column", "member")
                .put("options", new JsonObject().put("priority", "express")),
            "Authorization",
            "Bearer " + token);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    validation = created.json().getString("validation_id");
    List<EventStream.Event> events =
        EventStream.read(
                node.url("/api/v1/validations/" + validation + "/events"),
                event -> {},
                "Authorization",
                "Bearer " + token)
            .events();
    assertThat(events.get(events.size() - 1).data().getString("status")).isEqualTo("completed");
  }

  @Test
  @DisplayName(
      "is issued for a passing report, verifies independently, and verifies revoked once revoked")
  void issueVerifyRevoke() throws Exception {
    JsonObject report = get("/api/v1/validations/" + validation).json().getJsonObject("report");
    assertThat(report.getDouble("score")).isGreaterThanOrEqualTo(60);

    Response issued = fresh();
    JsonObject warranty = issued.json();
    String id = warranty.getString("warranty_id");
    assertThat(issued.header("Location")).isEqualTo("/api/v1/warranties/" + id);
    Response certificate = get("/api/v1/warranties/" + id + "/certificate");
    assertThat(certificate.status()).isEqualTo(200);
    assertThat(certificate.header("Content-Disposition")).contains("attachment");
    JsonObject envelope = certificate.json();
    assertThat(envelope).isEqualTo(warranty.getJsonObject("envelope"));

    // An outsider: the public keys, the JDK's Signature over the DSSE pre-authentication encoding.
    Response jwks = HttpProbe.get(node.url("/.well-known/jwks.json"));
    assertThat(jwks.status()).isEqualTo(200);
    assertThat(OutsiderVerifier.verifies(envelope.encode(), jwks.body())).isTrue();
    JsonObject statement = statement(envelope);
    assertThat(statement.getString("_type")).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(
            statement
                .getJsonArray("subject")
                .getJsonObject(0)
                .getJsonObject("digest")
                .getString("sha256"))
        .isEqualTo(syntheticSha256);
    assertThat(statement.getJsonArray("subject")).hasSize(1);
    assertThat(statement.getString("predicateType")).isEqualTo("https://synthos.dev/warranty/v2");
    JsonObject predicate = statement.getJsonObject("predicate");
    assertThat(predicate.getString("tier")).isEqualTo("basic");
    assertThat(predicate.getString("warranty_id")).isEqualTo(id);
    assertThat(predicate.getJsonObject("metrics").getDouble("score"))
        .isEqualTo(report.getDouble("score"));

    JsonObject valid =
        verify(new JsonObject().put("envelope", envelope).put("sha256", syntheticSha256));
    assertThat(valid.getBoolean("valid")).as(valid.encode()).isTrue();
    assertThat(valid.getString("warranty_id")).isEqualTo(id);

    Response revoked =
        HttpProbe.postJson(
            node.url("/api/v1/warranties/" + id + "/revoke"),
            new JsonObject().put("reason", "the synthetic data was replaced"),
            "Authorization",
            "Bearer " + token);
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().getBoolean("revoked")).isTrue();
    JsonObject afterRevoke = verify(new JsonObject().put("envelope", envelope));
    assertThat(afterRevoke.getBoolean("valid")).isFalse();
    assertThat(afterRevoke.getString("reason")).isEqualTo("revoked");
    Response again =
        HttpProbe.post(
            node.url("/api/v1/warranties/" + id + "/revoke"),
            "",
            "Authorization",
            "Bearer " + token);
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  @DisplayName("is refused, threshold by threshold, for a tier the report does not meet")
  void failingTier() {
    JsonObject tiers = HttpProbe.get(node.url("/api/v1/warranty-tiers")).json();
    JsonObject premium = tiers.getJsonObject("premium");
    JsonObject report = get("/api/v1/validations/" + validation).json().getJsonObject("report");
    double score = report.getDouble("score");

    Response refused = request("premium");

    // The test data is independent samples of one distribution; premium asks for more.
    assertThat(score).isLessThan(premium.getDouble("min_score"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().getString("type")).isEqualTo("/problems/tier-thresholds-unmet");
    JsonObject scoreMiss =
        refused.json().getJsonArray("errors").stream()
            .map(JsonObject.class::cast)
            .filter(error -> "score".equals(error.getString("threshold")))
            .findFirst()
            .orElseThrow();
    assertThat(scoreMiss.getDouble("required")).isEqualTo(premium.getDouble("min_score"));
    assertThat(scoreMiss.getDouble("found")).isEqualTo(score);
  }

  @Test
  @DisplayName(
      "fails verification when tampered, signed by another key, expired or for other bytes")
  void failedVerifications() {
    JsonObject envelope = request("basic").json().getJsonObject("envelope");
    JsonObject statement = statement(envelope);

    JsonObject tampered = envelope.copy();
    JsonObject forged = statement.copy();
    forged.getJsonObject("predicate").put("tier", "premium");
    tampered.put(
        "payload",
        Base64.getEncoder().encodeToString(forged.encode().getBytes(StandardCharsets.UTF_8)));
    JsonObject otherKey = Dsse.sign(statement, Fixtures.newKey());
    Instant expiry = Instant.parse(statement.getJsonObject("predicate").getString("expires_at"));

    assertThat(reason(new JsonObject().put("envelope", tampered))).isEqualTo("bad-signature");
    assertThat(reason(new JsonObject().put("envelope", otherKey))).isEqualTo("unknown-key");
    assertThat(
            reason(
                new JsonObject()
                    .put("envelope", envelope)
                    .put("at", expiry.plusSeconds(1).toString())))
        .isEqualTo("expired");
    assertThat(reason(new JsonObject().put("envelope", envelope).put("sha256", "0".repeat(64))))
        .isEqualTo("digest-mismatch");
    assertThat(reason(new JsonObject().put("envelope", new JsonObject().put("payload", "%%"))))
        .isEqualTo("malformed");
    assertThat(reason(new JsonObject().put("envelope", envelope))).isNull();
    Response badTime =
        HttpProbe.postJson(
            node.url("/api/v1/warranties/verify"),
            new JsonObject().put("envelope", envelope).put("at", "2026-13-45T99:00:00Z"));
    Response badValidation =
        HttpProbe.postJson(
            node.url("/api/v1/warranties/request"),
            new JsonObject().put("validation_id", "nope").put("tier", "basic"),
            "Authorization",
            "Bearer " + token);
    assertThat(badTime.status()).as(badTime.body()).isEqualTo(400);
    assertThat(badValidation.status()).as(badValidation.body()).isEqualTo(400);
  }

  @Test
  @DisplayName("is not found by anyone but its owner, nor is its validation warranted by them")
  void ownerOnly() {
    String id = request("basic").json().getString("warranty_id");
    String stranger = node.newAccessToken();

    assertThat(get(stranger, "/api/v1/warranties/" + id).status()).isEqualTo(404);
    assertThat(get(stranger, "/api/v1/warranties/" + id + "/certificate").status()).isEqualTo(404);
    assertThat(
            HttpProbe.post(
                    node.url("/api/v1/warranties/" + id + "/revoke"),
                    "",
                    "Authorization",
                    "Bearer " + stranger)
                .status())
        .isEqualTo(404);
    assertThat(
            HttpProbe.postJson(
                    node.url("/api/v1/warranties/request"),
                    new JsonObject().put("validation_id", validation).put("tier", "basic"),
                    "Authorization",
                    "Bearer " + stranger)
                .status())
        .isEqualTo(404);
    assertThat(get(stranger, "/api/v1/warranties").json().getJsonArray("items")).isEmpty();
    JsonArray mine =
        get("/api/v1/warranties?validation_id=" + validation).json().getJsonArray("items");
    assertThat(mine.stream().map(w -> ((JsonObject) w).getString("warranty_id"))).contains(id);
  }

  @Test
  @DisplayName(
      "names the real data by neither name nor digest, only by commitments its owner's salt opens")
  void commitments() throws Exception {
    Response issued = fresh();
    String id = issued.json().getString("warranty_id");
    String salt = issued.json().getString("commitment_salt");
    Response certificate = get("/api/v1/warranties/" + id + "/certificate");
    JsonObject envelope = certificate.json();
    String payload = payload(envelope);
    JsonObject statement = new JsonObject(payload);
    JsonObject commitments = statement.getJsonObject("predicate").getJsonObject("commitments");

    assertThat(salt).matches("[0-9a-f]{64}");
    assertThat(get("/api/v1/warranties/" + id).json().getString("commitment_salt")).isEqualTo(salt);
    List<String> secrets = List.of("real.csv", "holdout.csv", realSha256, holdoutSha256, salt);
    assertThat(payload).doesNotContain(secrets);
    assertThat(strings(statement)).doesNotContainAnyElementsOf(secrets);
    assertThat(certificate.body()).doesNotContain(secrets);
    assertThat(commitments.getString("reference")).isNotNull();
    assertThat(commitments.getString("holdout")).isNotNull();

    // An outsider's own code, with the salt and the files.
    byte[] real = REAL_CSV.getBytes(StandardCharsets.UTF_8);
    byte[] holdout = HOLDOUT_CSV.getBytes(StandardCharsets.UTF_8);
    assertThat(OutsiderVerifier.commits(envelope.encode(), "reference", salt, real)).isTrue();
    assertThat(OutsiderVerifier.commits(envelope.encode(), "holdout", salt, holdout)).isTrue();
    assertThat(OutsiderVerifier.commits(envelope.encode(), "reference", salt, holdout)).isFalse();

    // The node's verifier, for anyone who was given the salt.
    Response confirmed =
        verifyResponse(
            new JsonObject()
                .put("envelope", envelope)
                .put("salt", salt)
                .put("reference_sha256", realSha256)
                .put("holdout_sha256", holdoutSha256));
    assertThat(confirmed.json().getBoolean("valid")).as(confirmed.body()).isTrue();
    assertThat(confirmed.body()).doesNotContain(salt);
    JsonObject wrongSalt =
        verify(
            new JsonObject()
                .put("envelope", envelope)
                .put("salt", "ab".repeat(32))
                .put("reference_sha256", realSha256));
    JsonObject wrongFile =
        verify(
            new JsonObject()
                .put("envelope", envelope)
                .put("salt", salt)
                .put("reference_sha256", syntheticSha256));
    assertThat(wrongSalt.getString("reason")).isEqualTo("commitment-mismatch");
    assertThat(wrongFile.getString("reason")).isEqualTo("commitment-mismatch");
    Response saltAlone =
        HttpProbe.postJson(
            node.url("/api/v1/warranties/verify"),
            new JsonObject().put("envelope", envelope).put("salt", salt));
    assertThat(saltAlone.status()).as(saltAlone.body()).isEqualTo(422);
    assertThat(saltAlone.json().getString("type")).isEqualTo("/problems/incomplete-disclosure");

    // Only the owner reads the salt: not in a list, not for a stranger.
    JsonArray listed =
        get("/api/v1/warranties?validation_id=" + validation).json().getJsonArray("items");
    assertThat(listed.encode()).contains(id).doesNotContain(salt);
    Response stranger = get(node.newAccessToken(), "/api/v1/warranties/" + id);
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.body()).doesNotContain(salt);

    // A second warranty on the same reference commits to it differently.
    JsonObject second = fresh().json();
    JsonObject secondCommitments =
        statement(second.getJsonObject("envelope"))
            .getJsonObject("predicate")
            .getJsonObject("commitments");
    assertThat(second.getString("commitment_salt")).isNotEqualTo(salt);
    assertThat(secondCommitments.getString("reference"))
        .isNotEqualTo(commitments.getString("reference"));
    assertThat(secondCommitments.getString("holdout"))
        .isNotEqualTo(commitments.getString("holdout"));
    assertThat(
            OutsiderVerifier.commits(
                second.getJsonObject("envelope").encode(),
                "reference",
                second.getString("commitment_salt"),
                real))
        .isTrue();
  }

  @Test
  @DisplayName(
      "asked again for a validation and tier, answers the live warranty; after a revocation, a new"
          + " one")
  void askedTwice() {
    JsonObject first = fresh().json();

    Response again = request("basic");

    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.header("Location")).isEmpty();
    assertThat(again.json()).isEqualTo(first);
    assertThat(live()).containsExactly(first.getString("warranty_id"));
    revoke(first.getString("warranty_id"));
    Response after = request("basic");
    assertThat(after.status()).as(after.body()).isEqualTo(201);
    assertThat(after.json().getString("warranty_id")).isNotEqualTo(first.getString("warranty_id"));
  }

  @Test
  @DisplayName("asked again once the live warranty has expired, retires it and issues a new one")
  void renewedWhenExpired() throws Exception {
    JsonObject first = fresh().json();
    try (Connection connection = node.jdbc();
        PreparedStatement expire =
            connection.prepareStatement(
                "UPDATE warranties SET expires_at = now() - interval '1 day' WHERE id = ?::uuid")) {
      expire.setString(1, first.getString("warranty_id"));
      assertThat(expire.executeUpdate()).isEqualTo(1);
    }

    Response renewed = request("basic");

    assertThat(renewed.status()).as(renewed.body()).isEqualTo(201);
    assertThat(renewed.json().getString("warranty_id"))
        .isNotEqualTo(first.getString("warranty_id"));
    assertThat(live()).containsExactly(renewed.json().getString("warranty_id"));
    JsonObject retired = get("/api/v1/warranties/" + first.getString("warranty_id")).json();
    assertThat(retired.getBoolean("revoked")).isTrue();
    assertThat(retired.getString("revocation_reason")).contains("expired");
  }

  @Test
  @DisplayName("asked by many requests at once, issues one warranty and answers it to them all")
  void concurrentRequests() {
    live().forEach(WarrantiesApiTest::revoke);
    byte[] body =
        new JsonObject()
            .put("validation_id", validation)
            .put("tier", "basic")
            .encode()
            .getBytes(StandardCharsets.UTF_8);

    List<Response> answers =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    HttpProbe.sendAsync(
                        "POST",
                        node.url("/api/v1/warranties/request"),
                        body,
                        "Content-Type",
                        "application/json",
                        "Authorization",
                        "Bearer " + token))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();

    assertThat(answers.stream().map(Response::status)).containsOnly(200, 201).containsOnlyOnce(201);
    assertThat(answers.stream().map(answer -> answer.json().getString("warranty_id")).distinct())
        .hasSize(1);
    assertThat(live()).containsExactly(answers.get(0).json().getString("warranty_id"));
  }

  /** A new basic warranty: the live one, if any, is revoked first. */
  private static Response fresh() {
    live().forEach(WarrantiesApiTest::revoke);
    Response issued = request("basic");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued;
  }

  /** The ids of the validation's basic warranties that are not revoked. */
  private static List<String> live() {
    return get("/api/v1/warranties?validation_id=" + validation + "&limit=100")
        .json()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(w -> "basic".equals(w.getString("tier")) && !w.getBoolean("revoked"))
        .map(w -> w.getString("warranty_id"))
        .toList();
  }

  private static void revoke(String id) {
    Response revoked =
        HttpProbe.post(
            node.url("/api/v1/warranties/" + id + "/revoke"),
            "",
            "Authorization",
            "Bearer " + token);
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
  }

  /** Every string in a JSON tree, keys included. */
  private static List<String> strings(Object tree) {
    List<String> found = new ArrayList<>();
    if (tree instanceof JsonObject object) {
      object.forEach(
          entry -> {
            found.add(entry.getKey());
            found.addAll(strings(entry.getValue()));
          });
    } else if (tree instanceof JsonArray array) {
      array.forEach(item -> found.addAll(strings(item)));
    } else if (tree instanceof String text) {
      found.add(text);
    }
    return found;
  }

  private static String sha256Of(String dataset) {
    return get("/api/v1/datasets/" + dataset).json().getString("sha256");
  }

  private static Response request(String tier) {
    return HttpProbe.postJson(
        node.url("/api/v1/warranties/request"),
        new JsonObject().put("validation_id", validation).put("tier", tier),
        "Authorization",
        "Bearer " + token);
  }

  private static JsonObject verify(JsonObject body) {
    return verifyResponse(body).json();
  }

  private static Response verifyResponse(JsonObject body) {
    Response verdict = HttpProbe.postJson(node.url("/api/v1/warranties/verify"), body);
    assertThat(verdict.status()).as(verdict.body()).isEqualTo(200);
    // Anonymous, so counted per client IP (RATE_LIMIT_PUBLIC_PER_IP, 120 a minute by default).
    assertThat(verdict.header("RateLimit-Limit")).isEqualTo("120");
    return verdict;
  }

  private static String reason(JsonObject body) {
    return verify(body).getString("reason");
  }

  private static JsonObject statement(JsonObject envelope) {
    return new JsonObject(payload(envelope));
  }

  private static String payload(JsonObject envelope) {
    return new String(
        Base64.getDecoder().decode(envelope.getString("payload")), StandardCharsets.UTF_8);
  }

  private static Response get(String path) {
    return get(token, path);
  }

  private static Response get(String bearer, String path) {
    return HttpProbe.get(node.url(path), "Authorization", "Bearer " + bearer);
  }
}
