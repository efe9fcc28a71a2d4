package io.synthos.api.warranties;

import io.vertx.core.json.JsonObject;

/**
 * What {@link EnvelopeVerifier} concluded: valid, or the stable code of the first check that
 * failed.
 *
 * @param reason null when valid, else one of the codes below
 * @param statement the decoded statement, or null when it could not be decoded; trust it only when
 *     valid
 */
public record Verdict(boolean valid, String reason, JsonObject statement) {

  public static final String MALFORMED = "malformed";
  public static final String UNKNOWN_KEY = "unknown-key";
  public static final String BAD_SIGNATURE = "bad-signature";
  public static final String EXPIRED = "expired";
  public static final String REVOKED = "revoked";
  public static final String DIGEST_MISMATCH = "digest-mismatch";
  public static final String COMMITMENT_MISMATCH = "commitment-mismatch";

  static Verdict valid(JsonObject statement) {
    return new Verdict(true, null, statement);
  }

  static Verdict invalid(String reason, JsonObject statement) {
    return new Verdict(false, reason, statement);
  }
}
