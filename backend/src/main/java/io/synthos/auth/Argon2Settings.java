package io.synthos.auth;

/** Argon2id cost parameters: memory in KiB, passes over memory, and lanes. */
public record Argon2Settings(int memoryKib, int iterations, int parallelism) {

  /** OWASP Password Storage Cheat Sheet's Argon2id minimum: 19 MiB, 2 passes, 1 lane. */
  public static final Argon2Settings OWASP = new Argon2Settings(19456, 2, 1);

  public Argon2Settings {
    if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
      // Argon2 (RFC 9106 §3.1) needs at least 8 KiB per lane and one pass.
      throw new IllegalArgumentException(
          "Argon2 needs parallelism >= 1, iterations >= 1 and memoryKib >= 8 * parallelism, got "
              + this);
    }
  }

  /** True when any cost here is below the matching cost in {@code other}. */
  boolean weakerThan(Argon2Settings other) {
    return memoryKib < other.memoryKib
        || iterations < other.iterations
        || parallelism < other.parallelism;
  }
}
