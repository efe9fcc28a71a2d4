package io.synthos.api.warranties;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * What a warranty's owner reveals to prove which real data the validation read: the warranty's salt
 * and the SHA-256 of the reference, of the holdout, or of both.
 *
 * @param salt the warranty's {@code commitment_salt}, 64 hex digits
 * @param referenceSha256 the reference's SHA-256, or null to leave it unchecked
 * @param holdoutSha256 the holdout's SHA-256, or null to leave it unchecked
 */
public record Disclosure(String salt, String referenceSha256, String holdoutSha256) {

  /**
   * @throws IllegalArgumentException when a value is not 64 hex digits, or no digest is given
   */
  public Disclosure {
    salt = hex64(salt, "salt");
    referenceSha256 = referenceSha256 == null ? null : hex64(referenceSha256, "reference sha256");
    holdoutSha256 = holdoutSha256 == null ? null : hex64(holdoutSha256, "holdout sha256");
    if (referenceSha256 == null && holdoutSha256 == null) {
      throw new IllegalArgumentException("a salt proves something only with a digest to check");
    }
  }

  /**
   * Whether the statement's commitments open to every digest given: a warranty that commits to no
   * reference (or no holdout, or to nothing, as the v1 statements) does not match one.
   *
   * @param commitments the predicate's {@code commitments}, or null when it has none
   */
  boolean opens(JsonObject commitments) {
    return commitments != null
        && opens(commitments.getString("reference"), referenceSha256)
        && opens(commitments.getString("holdout"), holdoutSha256);
  }

  private boolean opens(String commitment, String sha256) {
    return sha256 == null || Commitment.opens(commitment, salt, sha256);
  }

  private static String hex64(String text, String what) {
    if (!Commitment.isHex64(text)) {
      throw new IllegalArgumentException("the " + what + " is 64 hexadecimal digits");
    }
    return text.toLowerCase(Locale.ROOT);
  }
}
