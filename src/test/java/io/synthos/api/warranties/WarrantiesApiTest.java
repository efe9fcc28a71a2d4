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
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The product flow end to end through HTTP, with every service real: register, upload, validate,
 * follow, read, warrant, verify as an outsider would, revoke.
 */
@Tag("integration")
@DisplayName("Warranties")
class WarrantiesApiTest {

  @RegisterExtension static final NodeExtension node = NodeExtension.allServices();

  private static String token;
  private static String validation;
  private static String syntheticSha256;

  /** Register, log in, upload real and synthetic data, validate express, follow it to the end. */
  @BeforeAll
  static void validated() throws Exception {
    token = node.newSession().getString("access_token");
    String real = TestDatasets.ready(node, token, "real.csv", TestDatasets.people(400, 1));
    String synthetic =
        TestDatasets.ready(node, token, "synthetic.csv", TestDatasets.people(400, 2));
    syntheticSha256 =
        HttpProbe.get(node.url("/api/v1/datasets/" + synthetic), "Authorization", "Bearer " + token)
            .json()
            .getString("sha256");
    Response created =
        HttpProbe.postJson(
            node.url("/api/v1/validations/create"),
            new JsonObject()
                .put("dataset_id", synthetic)
                .put("reference_dataset_id", real)
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

    Response issued = request("basic");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
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
    assertThat(statement.getJsonArray("subject")).hasSize(2);
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

  private static Response request(String tier) {
    return HttpProbe.postJson(
        node.url("/api/v1/warranties/request"),
        new JsonObject().put("validation_id", validation).put("tier", tier),
        "Authorization",
        "Bearer " + token);
  }

  private static JsonObject verify(JsonObject body) {
    Response verdict = HttpProbe.postJson(node.url("/api/v1/warranties/verify"), body);
    assertThat(verdict.status()).as(verdict.body()).isEqualTo(200);
    // Anonymous, so counted per client IP (RATE_LIMIT_PUBLIC_PER_IP, 120 a minute by default).
    assertThat(verdict.header("RateLimit-Limit")).isEqualTo("120");
    return verdict.json();
  }

  private static String reason(JsonObject body) {
    return verify(body).getString("reason");
  }

  private static JsonObject statement(JsonObject envelope) {
    return new JsonObject(
        new String(
            Base64.getDecoder().decode(envelope.getString("payload")), StandardCharsets.UTF_8));
  }

  private static Response get(String path) {
    return get(token, path);
  }

  private static Response get(String bearer, String path) {
    return HttpProbe.get(node.url(path), "Authorization", "Bearer " + bearer);
  }
}
