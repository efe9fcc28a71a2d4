package io.synthos.auth;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** One Argon2id hash with everything needed to recompute it, as read from a PHC string. */
record Argon2Hash(int version, Argon2Settings settings, byte[] salt, byte[] hash) {

  static final int VERSION_13 = Argon2Parameters.ARGON2_VERSION_13;

  // Far above any cost we would choose; they stop a corrupted row from asking for gigabytes.
  private static final int MAX_MEMORY_KIB = 1 << 20;
  private static final int MAX_ITERATIONS = 100;
  private static final int MAX_PARALLELISM = 64;

  private static final Pattern VERSION = Pattern.compile("v=(\\d{1,3})");
  private static final Pattern PARAMS = Pattern.compile("m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,9})");
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  /** Reads {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}; empty when it is anything else. */
  static Optional<Argon2Hash> parse(String encoded) {
    if (encoded == null) {
      return Optional.empty();
    }
    String[] parts = encoded.split("\\$", -1);
    // libargon2 treats a missing v= as version 0x10, so six parts with it, five without.
    boolean hasVersion = parts.length == 6;
    if ((!hasVersion && parts.length != 5) || !parts[0].isEmpty() || !"argon2id".equals(parts[1])) {
      return Optional.empty();
    }
    int version = Argon2Parameters.ARGON2_VERSION_10;
    if (hasVersion) {
      Matcher v = VERSION.matcher(parts[2]);
      if (!v.matches()) {
        return Optional.empty();
      }
      version = Integer.parseInt(v.group(1));
    }
    int i = hasVersion ? 3 : 2;
    Matcher p = PARAMS.matcher(parts[i]);
    if (!p.matches()) {
      return Optional.empty();
    }
    int m = Integer.parseInt(p.group(1));
    int t = Integer.parseInt(p.group(2));
    int lanes = Integer.parseInt(p.group(3));
    Optional<byte[]> salt = decode(parts[i + 1]);
    Optional<byte[]> hash = decode(parts[i + 2]);
    boolean sane =
        (version == VERSION_13 || version == Argon2Parameters.ARGON2_VERSION_10)
            && lanes >= 1
            && lanes <= MAX_PARALLELISM
            && t >= 1
            && t <= MAX_ITERATIONS
            && m >= 8 * lanes
            && m <= MAX_MEMORY_KIB
            && salt.filter(s -> s.length >= 8).isPresent()
            && hash.filter(h -> h.length >= 4 && h.length <= 64).isPresent();
    return sane
        ? Optional.of(
            new Argon2Hash(version, new Argon2Settings(m, t, lanes), salt.get(), hash.get()))
        : Optional.empty();
  }

  /** Computes the Argon2id tag of {@code password} with this salt, cost and tag length. */
  static Argon2Hash compute(
      byte[] password, byte[] salt, int version, Argon2Settings settings, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(version)
            .withMemoryAsKB(settings.memoryKib())
            .withIterations(settings.iterations())
            .withParallelism(settings.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return new Argon2Hash(version, settings, salt.clone(), out);
  }

  /** The PHC string form, byte for byte what libargon2's {@code argon2 -e} prints. */
  String encode() {
    return "$argon2id$v="
        + version
        + "$m="
        + settings.memoryKib()
        + ",t="
        + settings.iterations()
        + ",p="
        + settings.parallelism()
        + "$"
        + ENCODER.encodeToString(salt)
        + "$"
        + ENCODER.encodeToString(hash);
  }

  private static Optional<byte[]> decode(String text) {
    // PHC strings never pad; the JDK decoder would otherwise accept '='.
    if (text.isEmpty() || text.indexOf('=') >= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(DECODER.decode(text));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }
}
