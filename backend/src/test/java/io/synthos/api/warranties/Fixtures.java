package io.synthos.api.warranties;

import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;

/** Statements and keys the warranty tests share. */
final class Fixtures {

  static final Instant ISSUED = Instant.parse("2026-03-01T12:00:00Z");
  static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(180));
  static final String DATASET_SHA256 = "a1".repeat(32);
  static final String REFERENCE_SHA256 = "b2".repeat(32);
  static final String HOLDOUT_SHA256 = "c4".repeat(32);
  static final String SALT = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

  /** An envelope the v1 issuer signed (the reference named in the clear), and its key set. */
  static final String V1_ENVELOPE = "/warranties/v1-envelope.json";

  static final String V1_JWKS = "/warranties/v1-jwks.json";

  private Fixtures() {}

  static WarrantyStatement statement(String warrantyId) {
    return statement(warrantyId, REFERENCE_SHA256, HOLDOUT_SHA256);
  }

  /**
   * A statement committing, under {@link #SALT}, to a reference and a holdout with these digests.
   */
  static WarrantyStatement statement(String warrantyId, String reference, String holdout) {
    return new WarrantyStatement(
        new WarrantyStatement.Subject("synthetic.csv", DATASET_SHA256),
        new WarrantyStatement.Commitments(
            Commitment.of(SALT, reference), Commitment.of(SALT, holdout)),
        warrantyId,
        "val-7",
        "standard",
        new JsonObject().put("score", 81.5).put("grade", "good"),
        WarrantyTiers.defaults().tier("standard").toJson(),
        "1",
        ISSUED,
        EXPIRES,
        "https://synthos.example");
  }

  /** A statement of a validation that read no real data: it commits to nothing. */
  static WarrantyStatement withoutRealData(String warrantyId) {
    return new WarrantyStatement(
        new WarrantyStatement.Subject("synthetic.csv", DATASET_SHA256),
        WarrantyStatement.Commitments.NONE,
        warrantyId,
        "val-8",
        "basic",
        new JsonObject(),
        new JsonObject(),
        "1",
        ISSUED,
        EXPIRES,
        "https://synthos.example");
  }

  static SigningKey newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(P256.SPEC);
      return SigningKey.of((ECPrivateKey) generator.generateKeyPair().getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
