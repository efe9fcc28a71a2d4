package io.synthos.launcher;

import io.synthos.platform.SecretFile;
import io.synthos.platform.config.SynthosConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development mode on one node with no JWT key configured signs tokens with a secret of its data
 * directory's own, made on the first start ({@link SynthosConfig#jwtSecretFile()}): nothing shipped
 * in the repository ever signs a token. The configuration refuses this case in production and in a
 * cluster, where every node must share one key.
 */
final class DevelopmentSecret {

  private static final Logger log = LoggerFactory.getLogger(DevelopmentSecret.class);

  private DevelopmentSecret() {}

  /**
   * The configuration with the data directory's secret, when the roles need one and none is set.
   */
  static SynthosConfig fillIn(SynthosConfig config, Set<Role> roles) throws StartupException {
    if (!config.jwt().needsGeneratedSecret() || roles.stream().noneMatch(Role::usesTokens)) {
      return config;
    }
    Path file = config.jwtSecretFile();
    try {
      SynthosConfig keyed = config.withGeneratedJwtSecret(SecretFile.loadOrCreate(file));
      log.info("access tokens signed with the secret in {} (set JWT_SECRET to choose one)", file);
      return keyed;
    } catch (IOException e) {
      throw new StartupException(
          "cannot use the development JWT secret (JWT_SECRET is not set): " + e.getMessage(), e);
    }
  }
}
