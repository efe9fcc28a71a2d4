package io.synthos.api.warranties;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Verifies a warranty envelope from anyone: its shape, key, signature, expiry, revocation, dataset
 * digest and, given a {@link Disclosure}, the commitments to the real data, in that order,
 * answering with the first that fails and never throwing. Statements of both predicate versions
 * verify.
 */
public final class EnvelopeVerifier {

  /** Bounds the signature checks a hostile envelope can make us run. */
  private static final int MAX_SIGNATURES = 8;

  private EnvelopeVerifier() {}

  /** A signature as the envelope lists it. */
  private record Listed(String keyid, byte[] sig) {}

  /**
   * The statement fields the checks read.
   *
   * @param commitments the predicate's commitments, or null in a v1 statement
   */
  private record Claims(
      String warrantyId, Instant expiresAt, String datasetSha256, JsonObject commitments) {}

  /** {@link #verify(JsonObject, Map, Instant, String, Disclosure, Predicate)}, no commitment. */
  public static Verdict verify(
      JsonObject envelope,
      Map<String, ECPublicKey> keys,
      Instant now,
      String expectedSha256,
      Predicate<String> revoked) {
    return verify(envelope, keys, now, expectedSha256, null, revoked);
  }

  /**
   * @param keys the trusted public keys by key id (see {@link Jwks#parse}, {@link
   *     SigningKeys#publicKeys})
   * @param expectedSha256 the SHA-256 hex of the synthetic dataset the caller holds, or null to
   *     skip that check
   * @param disclosure the salt and the real data's digests to check the commitments with, or null
   *     to skip that check
   * @param revoked tells whether a warranty id has been revoked
   */
  public static Verdict verify(
      JsonObject envelope,
      Map<String, ECPublicKey> keys,
      Instant now,
      String expectedSha256,
      Disclosure disclosure,
      Predicate<String> revoked) {
    JsonObject statement = null;
    byte[] pae;
    List<Listed> signatures;
    Claims claims;
    // Hostile input fails here in many ways (casts, base64, JSON, dates): each means malformed.
    try {
      if (!Dsse.PAYLOAD_TYPE.equals(envelope.getValue("payloadType"))) {
        return Verdict.invalid(Verdict.MALFORMED, null);
      }
      byte[] payload = Base64.getDecoder().decode((String) envelope.getValue("payload"));
      statement = new JsonObject(Buffer.buffer(payload));
      pae = Dsse.pae(Dsse.PAYLOAD_TYPE, payload);
      signatures = listed((JsonArray) envelope.getValue("signatures"));
      claims = claims(statement);
    } catch (RuntimeException e) {
      return Verdict.invalid(Verdict.MALFORMED, statement);
    }
    boolean known = false;
    boolean verified = false;
    for (Listed listed : signatures) {
      ECPublicKey key = keys.get(listed.keyid());
      known |= key != null;
      verified = verified || (key != null && verifies(key, pae, listed.sig()));
    }
    if (!known) {
      return Verdict.invalid(Verdict.UNKNOWN_KEY, statement);
    }
    if (!verified) {
      return Verdict.invalid(Verdict.BAD_SIGNATURE, statement);
    }
    if (!now.isBefore(claims.expiresAt())) {
      return Verdict.invalid(Verdict.EXPIRED, statement);
    }
    if (revoked.test(claims.warrantyId())) {
      return Verdict.invalid(Verdict.REVOKED, statement);
    }
    if (expectedSha256 != null
        && !expectedSha256.toLowerCase(Locale.ROOT).equals(claims.datasetSha256())) {
      return Verdict.invalid(Verdict.DIGEST_MISMATCH, statement);
    }
    if (disclosure != null && !disclosure.opens(claims.commitments())) {
      return Verdict.invalid(Verdict.COMMITMENT_MISMATCH, statement);
    }
    return Verdict.valid(statement);
  }

  private static List<Listed> listed(JsonArray signatures) {
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException("between 1 and " + MAX_SIGNATURES + " signatures");
    }
    List<Listed> listed = new ArrayList<>();
    for (Object entry : signatures) {
      JsonObject signature = (JsonObject) entry;
      // Required although DSSE makes it optional: without it we would try every trusted key.
      if (!(signature.getValue("keyid") instanceof String keyid)) {
        throw new IllegalArgumentException("each signature names its keyid");
      }
      listed.add(new Listed(keyid, Base64.getDecoder().decode((String) signature.getValue("sig"))));
    }
    return listed;
  }

  private static Claims claims(JsonObject statement) {
    Object version = statement.getValue("predicateType");
    boolean current = WarrantyStatement.PREDICATE_TYPE.equals(version);
    if (!WarrantyStatement.TYPE.equals(statement.getValue("_type"))
        || !(current || WarrantyStatement.PREDICATE_TYPE_V1.equals(version))) {
      throw new IllegalArgumentException("not a Synthos warranty statement");
    }
    JsonObject predicate = (JsonObject) statement.getValue("predicate");
    // The synthetic dataset is always the first subject.
    JsonObject dataset = (JsonObject) ((JsonArray) statement.getValue("subject")).getValue(0);
    Claims claims =
        new Claims(
            (String) predicate.getValue("warranty_id"),
            Instant.parse((String) predicate.getValue("expires_at")),
            (String) ((JsonObject) dataset.getValue("digest")).getValue("sha256"),
            current ? commitments(predicate) : null);
    if (claims.warrantyId() == null || claims.datasetSha256() == null) {
      throw new IllegalArgumentException("a warranty names its id and its dataset's digest");
    }
    return claims;
  }

  /** A v2 predicate's commitments: the scheme this verifier knows, each a string or null. */
  private static JsonObject commitments(JsonObject predicate) {
    JsonObject commitments = (JsonObject) predicate.getValue("commitments");
    if (!Commitment.ALGORITHM.equals(commitments.getValue("algorithm"))) {
      throw new IllegalArgumentException("commitments of an unknown scheme");
    }
    for (String dataset : List.of("reference", "holdout")) {
      Object commitment = commitments.getValue(dataset);
      if (commitment != null && !(commitment instanceof String)) {
        throw new IllegalArgumentException("a commitment is a hex string");
      }
    }
    return commitments;
  }

  private static boolean verifies(ECPublicKey key, byte[] pae, byte[] sig) {
    try {
      Signature verifier = Signature.getInstance(Dsse.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(pae);
      return verifier.verify(sig);
    } catch (GeneralSecurityException e) {
      return false; // a sig that is not DER, or a key the provider refuses, proves nothing
    }
  }
}
