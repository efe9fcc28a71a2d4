package io.synthos.api.warranties;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/** One ES256 key: a P-256 private key, its public key and its RFC 7638 key id. */
public final class SigningKey {

  private final String kid;
  private final ECPrivateKey privateKey;
  private final ECPublicKey publicKey;

  private SigningKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
    this.kid = Jwks.thumbprint(publicKey);
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * @throws IllegalArgumentException when the key is not on P-256
   */
  static SigningKey of(ECPrivateKey privateKey) {
    if (!P256.isCurveOf(privateKey.getParams())) {
      throw new IllegalArgumentException("the key is not a P-256 (ES256) key");
    }
    return new SigningKey(privateKey, P256.publicKeyOf(privateKey.getS()));
  }

  public String kid() {
    return kid;
  }

  public ECPublicKey publicKey() {
    return publicKey;
  }

  /** Package-private so private key material never leaves the warranty code. */
  ECPrivateKey privateKey() {
    return privateKey;
  }

  /** Names the key id only: private key material must never reach a log. */
  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + "]";
  }
}
