package io.synthos.api.warranties;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/** The NIST P-256 curve: its parameters, fixed-width coordinates and public keys from points. */
final class P256 {

  static final ECParameterSpec SPEC = spec();
  static final int COORDINATE_BYTES = 32;

  private static final BigInteger P = ((ECFieldFp) SPEC.getCurve().getField()).getP();
  private static final BigInteger A = SPEC.getCurve().getA();
  private static final BigInteger B = SPEC.getCurve().getB();

  private P256() {}

  static boolean isCurveOf(ECParameterSpec params) {
    return params.getCurve().equals(SPEC.getCurve())
        && params.getGenerator().equals(SPEC.getGenerator())
        && params.getOrder().equals(SPEC.getOrder());
  }

  /** A coordinate as exactly 32 big-endian bytes, left-padded with zeros (RFC 7518 §6.2.1.2). */
  static byte[] coordinate(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[COORDINATE_BYTES];
    int skip = Math.max(0, raw.length - COORDINATE_BYTES); // toByteArray may add a sign byte
    System.arraycopy(raw, skip, out, COORDINATE_BYTES - (raw.length - skip), raw.length - skip);
    return out;
  }

  /**
   * @throws IllegalArgumentException when the point is not on the curve, so a hostile JWK can never
   *     reach the signature check
   */
  static ECPublicKey publicKey(BigInteger x, BigInteger y) {
    boolean inField =
        x.signum() >= 0 && y.signum() >= 0 && x.compareTo(P) < 0 && y.compareTo(P) < 0;
    if (!inField
        || !y.pow(2).subtract(x.pow(3).add(A.multiply(x)).add(B)).mod(P).equals(BigInteger.ZERO)) {
      throw new IllegalArgumentException("the point is not on P-256");
    }
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), SPEC));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a P-256 public key", e);
    }
  }

  /**
   * The public point d·G of a private scalar. The JDK offers no public API for it and a PKCS#8 file
   * need not carry its public key; BigInteger arithmetic is not constant-time, which is acceptable
   * here because it runs once per key load, on the key owner's own machine, never on request input.
   */
  static ECPublicKey publicKeyOf(BigInteger scalar) {
    ECPoint point = ECPoint.POINT_INFINITY;
    for (int bit = scalar.bitLength() - 1; bit >= 0; bit--) {
      point = add(point, point);
      if (scalar.testBit(bit)) {
        point = add(point, SPEC.getGenerator());
      }
    }
    return publicKey(point.getAffineX(), point.getAffineY());
  }

  private static ECPoint add(ECPoint a, ECPoint b) {
    if (a.equals(ECPoint.POINT_INFINITY)) {
      return b;
    }
    if (b.equals(ECPoint.POINT_INFINITY)) {
      return a;
    }
    BigInteger x1 = a.getAffineX();
    BigInteger y1 = a.getAffineY();
    BigInteger x2 = b.getAffineX();
    BigInteger y2 = b.getAffineY();
    BigInteger slope;
    if (x1.equals(x2)) {
      if (!y1.equals(y2) || y1.signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      slope =
          x1.pow(2).multiply(BigInteger.valueOf(3)).add(A).multiply(y1.shiftLeft(1).modInverse(P));
    } else {
      slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(P));
    }
    slope = slope.mod(P);
    BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(P);
    BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(P);
    return new ECPoint(x3, y3);
  }

  private static ECParameterSpec spec() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks the P-256 curve", e);
    }
  }
}
