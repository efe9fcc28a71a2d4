package io.synthos.platform.config;

import io.synthos.platform.config.SynthosConfig.Mode;

/**
 * Which secret the calls to the ML services carry: one of at least 32 characters that is not also
 * the JWT secret, or none in development mode on one node, where the launcher uses the data
 * directory's own.
 */
public final class ServiceSecretRule {

  private static final int MIN_LENGTH = 32;

  private static final String WHERE = "set SYNTHOS_SERVICE_SECRET or SYNTHOS_SERVICE_SECRET_FILE";

  private ServiceSecretRule() {}

  /**
   * The configured secret, or empty for {@link #requireConfigured} to judge once the roles are
   * known.
   *
   * @param origin where the value came from, for the error line
   * @throws ConfigException when the secret is refused, naming {@code origin}
   */
  static Secret check(Secret secret, String origin, Secret jwtSecret) {
    if (secret.isEmpty()) {
      return secret;
    }
    if (secret.value().length() < MIN_LENGTH) {
      throw new ConfigException(origin, "must be at least " + MIN_LENGTH + " characters");
    }
    if (secret.value().equals(jwtSecret.value())) {
      // Whoever reads one must not be able to forge the other.
      throw new ConfigException(origin, "must differ from the JWT secret");
    }
    return secret;
  }

  /**
   * Refuses a node that runs or calls an ML service with no secret configured where it may not make
   * one: production mode, and a cluster, whose nodes must all hold the same.
   *
   * @throws ConfigException naming the key and how to set it
   */
  public static void requireConfigured(SynthosConfig config) {
    if (!config.services().secret().isEmpty()) {
      return;
    }
    String key = Setting.SERVICE_SECRET.key();
    if (config.mode() == Mode.PRODUCTION) {
      throw new ConfigException(key, "production mode needs a secret of your own: " + WHERE);
    }
    if (config.cluster().enabled()) {
      throw new ConfigException(key, "a cluster needs one secret shared by every node: " + WHERE);
    }
  }
}
