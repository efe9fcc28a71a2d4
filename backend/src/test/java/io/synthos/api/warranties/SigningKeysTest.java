package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Warranty signing keys")
class SigningKeysTest {

  @TempDir Path data;

  @Test
  @DisplayName("the first open creates one key and a reopen loads the same key id")
  void createdOnceThenReloaded() throws Exception {
    Path directory = data.resolve("warranty-keys");
    SigningKeys created = SigningKeys.openDirectory(directory);
    SigningKeys reloaded = SigningKeys.openDirectory(directory);

    assertThat(created.keys()).hasSize(1);
    assertThat(reloaded.signer().kid()).isEqualTo(created.signer().kid());
    assertThat(reloaded.signer().publicKey().getW()).isEqualTo(created.signer().publicKey().getW());
    try (var files = Files.list(directory)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactly(created.signer().kid() + ".pem");
    }
  }

  @Test
  @DisplayName("key files are readable by their owner only, in an owner-only directory")
  void ownerOnlyPermissions() throws Exception {
    Assumptions.assumeTrue(
        data.getFileSystem().supportedFileAttributeViews().contains("posix"), "not POSIX");
    Path directory = data.resolve("warranty-keys");
    SigningKeys keys = SigningKeys.openDirectory(directory);
    keys.rotate();

    for (SigningKey key : keys.keys()) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(directory.resolve(key.kid() + ".pem"))))
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
        .isEqualTo("rwx------");
  }

  @Test
  @DisplayName("a rotation adds a key that signs while the JWKS keeps listing the old one")
  void rotationKeepsOldKeysVerifying() throws Exception {
    Path directory = data.resolve("warranty-keys");
    SigningKeys keys = SigningKeys.openDirectory(directory);
    String first = keys.signer().kid();

    SigningKey added = keys.rotate();

    assertThat(added.kid()).isNotEqualTo(first);
    assertThat(keys.signer().kid()).isEqualTo(added.kid());
    assertThat(Jwks.parse(Jwks.of(keys.publicKeys().values())).keySet())
        .containsExactly(first, added.kid());
    SigningKeys reloaded = SigningKeys.openDirectory(directory);
    assertThat(reloaded.keys()).extracting(SigningKey::kid).containsExactly(first, added.kid());
  }

  @Test
  @DisplayName("the key id is the RFC 7638 thumbprint computed independently from the JWK")
  void kidIsTheJwkThumbprint() throws Exception {
    SigningKey key = SigningKeys.openDirectory(data.resolve("warranty-keys")).signer();
    JsonObject jwk = Jwks.jwk(key.publicKey());
    String x = unpaddedBase64Url(key.publicKey().getW().getAffineX());
    String y = unpaddedBase64Url(key.publicKey().getW().getAffineY());
    String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));

    assertThat(jwk.getString("x")).isEqualTo(x);
    assertThat(jwk.getString("y")).isEqualTo(y);
    assertThat(key.kid())
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
        .isEqualTo(jwk.getString("kid"))
        .hasSize(43);
  }

  @Test
  @DisplayName(
      "a configured PEM file yields its key with the JDK's own public key, and cannot rotate")
  void loadsOneConfiguredKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(P256.SPEC);
    KeyPair pair = generator.generateKeyPair();
    Path file = data.resolve("configured.pem");
    Files.writeString(file, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));

    SigningKeys keys = SigningKeys.fromPemFile(file);

    assertThat(keys.signer().publicKey().getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
    assertThat(keys.signer().toString())
        .doesNotContain(((ECPrivateKey) pair.getPrivate()).getS().toString(16))
        .isEqualTo("SigningKey[kid=" + keys.signer().kid() + "]");
    assertThatThrownBy(keys::rotate).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("a file that holds no PKCS#8 key, or is not named by its key id, is refused by name")
  void refusesBadKeyFiles() throws Exception {
    Path garbage = data.resolve("garbage.pem");
    Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    Path directory = data.resolve("warranty-keys");
    SigningKey key = SigningKeys.openDirectory(directory).signer();
    Files.move(directory.resolve(key.kid() + ".pem"), directory.resolve("renamed.pem"));

    assertThatThrownBy(() -> SigningKeys.fromPemFile(garbage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("garbage.pem");
    assertThatThrownBy(() -> SigningKeys.openDirectory(directory))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("renamed.pem")
        .hasMessageContaining(key.kid());
  }

  @Test
  @DisplayName("a coordinate with leading zero bytes is still 32 bytes in the JWK")
  void coordinatesAreLeftPadded() {
    // Scalars 1, 2, 3… are deterministic points; one soon has an x below 2^248.
    ECPublicKey key =
        IntStream.rangeClosed(1, 2000)
            .mapToObj(k -> P256.publicKeyOf(BigInteger.valueOf(k)))
            .filter(point -> point.getW().getAffineX().bitLength() <= 248)
            .findFirst()
            .orElseThrow();

    byte[] x = Base64.getUrlDecoder().decode(Jwks.jwk(key).getString("x"));

    assertThat(x).hasSize(32);
    assertThat(x[0]).isZero();
    assertThat(new BigInteger(1, x)).isEqualTo(key.getW().getAffineX());
    assertThat(List.copyOf(Jwks.parse(Jwks.of(List.of(key))).values()).get(0).getW())
        .isEqualTo(key.getW());
  }

  private static String unpaddedBase64Url(BigInteger coordinate) {
    byte[] raw = coordinate.toByteArray();
    byte[] fixed = new byte[32];
    byte[] significant =
        raw.length > 32 ? Arrays.copyOfRange(raw, raw.length - 32, raw.length) : raw;
    System.arraycopy(significant, 0, fixed, 32 - significant.length, significant.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }
}
