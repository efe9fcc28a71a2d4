package io.synthos.api.warranties;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a warranty asserts, as an in-toto Statement v1: its one subject, the synthetic dataset by
 * its SHA-256, and a Synthos warranty predicate. The real data the validation read (reference,
 * holdout) appears only as salted {@link Commitment}s, never by name or digest.
 *
 * @param commitments the reference's and holdout's commitments under the warranty's salt
 * @param metrics the figures the tier was judged on (score, grade, section scores, privacy,
 *     collapse)
 * @param thresholds the tier's thresholds as published by {@link WarrantyTiers#toJson()}
 * @param issuedAt truncated to whole seconds, so the record equals what is signed
 * @param expiresAt truncated to whole seconds
 */
public record WarrantyStatement(
    Subject dataset,
    Commitments commitments,
    String warrantyId,
    String validationId,
    String tier,
    JsonObject metrics,
    JsonObject thresholds,
    String metricsVersion,
    Instant issuedAt,
    Instant expiresAt,
    String issuer) {

  public static final String TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://synthos.dev/warranty/v2";

  /** The first predicate, which named the reference in the clear; its warranties still verify. */
  public static final String PREDICATE_TYPE_V1 = "https://synthos.dev/warranty/v1";

  /** A dataset the warranty covers, named for people and identified by the SHA-256 of its bytes. */
  public record Subject(String name, String sha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * @throws IllegalArgumentException when the digest is not 64 lowercase hex digits
     */
    public Subject {
      Objects.requireNonNull(name, "name");
      if (sha256 == null || !SHA256.matcher(sha256).matches()) {
        throw new IllegalArgumentException("a sha256 digest is 64 lowercase hex digits");
      }
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("name", name)
          .put("digest", new JsonObject().put("sha256", sha256));
    }
  }

  /**
   * The commitments to the real data, each null when the validation read no such dataset.
   *
   * @param reference {@link Commitment#of} the reference's SHA-256, or null
   * @param holdout {@link Commitment#of} the holdout's SHA-256, or null
   */
  public record Commitments(String reference, String holdout) {

    /** None: a validation without real data. */
    public static final Commitments NONE = new Commitments(null, null);

    JsonObject toJson() {
      return new JsonObject()
          .put("algorithm", Commitment.ALGORITHM)
          .put("reference", reference)
          .put("holdout", holdout);
    }
  }

  /**
   * @throws IllegalArgumentException when the warranty expires before it is issued
   */
  public WarrantyStatement {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(commitments, "commitments");
    Objects.requireNonNull(warrantyId, "warrantyId");
    Objects.requireNonNull(validationId, "validationId");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(metricsVersion, "metricsVersion");
    Objects.requireNonNull(issuer, "issuer");
    metrics = Objects.requireNonNull(metrics, "metrics").copy();
    thresholds = Objects.requireNonNull(thresholds, "thresholds").copy();
    issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
    expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("a warranty must expire after it is issued");
    }
  }

  /** The statement JSON; {@link Dsse#sign} signs its encoding. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("_type", TYPE)
        .put("subject", new JsonArray().add(dataset.toJson()))
        .put("predicateType", PREDICATE_TYPE)
        .put(
            "predicate",
            new JsonObject()
                .put("warranty_id", warrantyId)
                .put("validation_id", validationId)
                .put("tier", tier)
                .put("metrics", metrics.copy())
                .put("thresholds", thresholds.copy())
                .put("metrics_version", metricsVersion)
                .put("issued_at", issuedAt.toString())
                .put("expires_at", expiresAt.toString())
                .put("issuer", issuer)
                .put("commitments", commitments.toJson()));
  }
}
