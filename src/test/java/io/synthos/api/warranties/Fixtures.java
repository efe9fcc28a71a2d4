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

  private Fixtures() {}

  static WarrantyStatement statement(String warrantyId) {
    return new WarrantyStatement(
        new WarrantyStatement.Subject("synthetic.csv", DATASET_SHA256),
        new WarrantyStatement.Subject("real.csv", REFERENCE_SHA256),
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
