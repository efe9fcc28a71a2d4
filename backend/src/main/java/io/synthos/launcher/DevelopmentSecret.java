package io.synthos.launcher;

import io.synthos.platform.SecretFile;
import io.synthos.platform.config.Secret;
import io.synthos.platform.config.ServiceSecretRule;
import io.synthos.platform.config.Setting;
import io.synthos.platform.config.SynthosConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development mode on one node with no JWT key or ML services' secret configured uses secrets of
 * its data directory's own, made on the first start ({@link SynthosConfig#jwtSecretFile()}, {@link
 * SynthosConfig#serviceSecretFile()}): nothing shipped in the repository ever signs a token or
 * opens an ML service. Production and a cluster, where every node must share one, are refused.
 */
final class DevelopmentSecret {

  private static final Logger log = LoggerFactory.getLogger(DevelopmentSecret.class);

  private DevelopmentSecret() {}

  /**
   * The configuration with the data directory's secrets, where the roles need one and none is set.
   *
   * @throws io.synthos.platform.config.ConfigException when the roles need the ML services' secret
   *     and the mode or the cluster forbids making one
   */
  static SynthosConfig fillIn(SynthosConfig config, Set<Role> roles) throws StartupException {
    SynthosConfig keyed = config;
    if (config.jwt().needsGeneratedSecret() && any(roles, Role::usesTokens)) {
      Path file = config.jwtSecretFile();
      keyed =
          keyed.withGeneratedJwtSecret(
              load(
                  "JWT",
                  file,
                  Setting.JWT_SECRET,
                  "every token issued with the old one is then refused"));
      log.info("access tokens signed with the secret in {} (set JWT_SECRET to choose one)", file);
    }
    if (config.services().secret().isEmpty() && any(roles, Role::usesMlServices)) {
      ServiceSecretRule.requireConfigured(config);
      Path file = config.serviceSecretFile();
      keyed = keyed.withGeneratedServiceSecret(load("service", file, Setting.SERVICE_SECRET, ""));
      log.info(
          "calls to the ML services carry the secret in {} (set SYNTHOS_SERVICE_SECRET to choose"
              + " one)",
          file);
    }
    return keyed;
  }

  private static boolean any(Set<Role> roles, Predicate<Role> needs) {
    return roles.stream().anyMatch(needs);
  }

  /** The secret in {@code file}; a bad file stops the start, naming {@code setting} as the fix. */
  private static Secret load(String name, Path file, Setting setting, String replacing)
      throws StartupException {
    try {
      return SecretFile.loadOrCreate(file, replacing);
    } catch (IOException e) {
      throw new StartupException(
          "cannot use the development "
              + name
              + " secret ("
              + setting.env()
              + " is not set): "
              + e.getMessage(),
          e);
    }
  }
}
