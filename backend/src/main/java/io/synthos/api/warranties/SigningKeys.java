package io.synthos.api.warranties;

import io.synthos.platform.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ES256 keys warranties are signed with: the newest signs, every one verifies. Each key is a
 * PKCS#8 PEM file {@code <kid>.pem} (0600, in a 0700 directory where POSIX), and a directory orders
 * its keys by file modification time. Every method that touches files blocks: call them on a worker
 * thread, and share one instance per process so that every reader sees a rotation.
 */
public final class SigningKeys {

  private static final String LABEL = "PRIVATE KEY";
  private static final String SUFFIX = ".pem";

  /** Serialises load-or-create and rotation, so two openers in one process never both create. */
  private static final Object FILES = new Object();

  private final Path directory; // null for one configured key, which cannot rotate
  private volatile List<SigningKey> keys; // oldest first; the last one signs

  private SigningKeys(Path directory, List<SigningKey> keys) {
    this.directory = directory;
    this.keys = List.copyOf(keys);
  }

  /**
   * Loads the keys under a directory, creating the directory and a first key when there are none.
   *
   * @throws IllegalArgumentException naming a file that holds no P-256 PKCS#8 key or is not named
   *     by its key id
   */
  public static SigningKeys openDirectory(Path directory) throws IOException {
    synchronized (FILES) {
      PrivateFiles.directory(directory);
      List<SigningKey> keys = load(directory);
      if (keys.isEmpty()) {
        keys = List.of(create(directory, null));
      }
      return new SigningKeys(directory, keys);
    }
  }

  /**
   * The one key of a PKCS#8 PEM file, for a key kept outside the data directory.
   *
   * @throws IllegalArgumentException when the file holds no P-256 PKCS#8 key
   */
  public static SigningKeys fromPemFile(Path file) throws IOException {
    return new SigningKeys(null, List.of(read(file)));
  }

  /** The key that signs new warranties: the newest. */
  public SigningKey signer() {
    List<SigningKey> current = keys;
    return current.get(current.size() - 1);
  }

  /** Every key, oldest first. */
  public List<SigningKey> keys() {
    return keys;
  }

  /** Every public key by its key id, for {@link EnvelopeVerifier} and {@link Jwks#of}. */
  public Map<String, ECPublicKey> publicKeys() {
    Map<String, ECPublicKey> byKid = new LinkedHashMap<>();
    keys.forEach(key -> byKid.put(key.kid(), key.publicKey()));
    return byKid;
  }

  /**
   * Adds a new key that signs from now on; the older ones keep verifying.
   *
   * @return the new key
   * @throws IllegalStateException for a key loaded from one file: configure a new file instead
   */
  public SigningKey rotate() throws IOException {
    if (directory == null) {
      throw new IllegalStateException(
          "a key configured as one PEM file cannot rotate; configure a new file instead");
    }
    synchronized (FILES) {
      // Reloads first, so a key another instance added is kept rather than dropped.
      List<SigningKey> current = new ArrayList<>(load(directory));
      FileTime newest =
          current.isEmpty()
              ? null
              : Files.getLastModifiedTime(file(directory, current.get(current.size() - 1)));
      current.add(create(directory, newest));
      keys = List.copyOf(current);
      return signer();
    }
  }

  private static List<SigningKey> load(Path directory) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files =
          listing
              .filter(path -> path.getFileName().toString().endsWith(SUFFIX))
              .filter(path -> !path.getFileName().toString().startsWith("."))
              .toList();
    }
    Map<Path, FileTime> modified = new LinkedHashMap<>();
    for (Path path : files) {
      modified.put(path, Files.getLastModifiedTime(path));
    }
    List<SigningKey> keys = new ArrayList<>();
    Comparator<Path> oldestFirst =
        Comparator.comparing((Path path) -> modified.get(path)).thenComparing(Path::getFileName);
    for (Path path : files.stream().sorted(oldestFirst).toList()) {
      SigningKey key = read(path);
      if (!file(directory, key).equals(path)) {
        throw new IllegalArgumentException(
            path + " holds the key " + key.kid() + "; a key file must be named by its key id");
      }
      keys.add(key);
    }
    return keys;
  }

  /** Writes to a hidden temporary file first, so a crash never leaves a half-written key. */
  private static SigningKey create(Path directory, FileTime after) throws IOException {
    ECPrivateKey privateKey;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(P256.SPEC);
      privateKey = (ECPrivateKey) generator.generateKeyPair().getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
    }
    SigningKey key = SigningKey.of(privateKey);
    Path temporary = PrivateFiles.temporaryFile(directory);
    try {
      Files.writeString(temporary, Pem.encode(LABEL, privateKey.getEncoded()));
      Files.move(temporary, file(directory, key), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    // Some file systems keep whole seconds: stamp the new key after the newest so it sorts last.
    if (after != null && Files.getLastModifiedTime(file(directory, key)).compareTo(after) <= 0) {
      Files.setLastModifiedTime(
          file(directory, key), FileTime.from(after.toInstant().plusSeconds(1)));
    }
    return key;
  }

  private static SigningKey read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN EC PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          file + " holds a SEC1 key; convert it: openssl pkcs8 -topk8 -nocrypt -in " + file);
    }
    try {
      return SigningKey.of(
          (ECPrivateKey)
              KeyFactory.getInstance("EC")
                  .generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(text, LABEL))));
    } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + " holds no unencrypted PKCS#8 P-256 key ('-----BEGIN PRIVATE KEY-----')", e);
    }
  }

  private static Path file(Path directory, SigningKey key) {
    return directory.resolve(key.kid() + SUFFIX);
  }
}
