package io.synthos.testing;

import io.synthos.platform.FreePort;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.Secret;
import io.synthos.platform.config.SynthosConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configurations for tests, built by the real {@link ConfigLoader} from environment variables, with
 * every server on a free port so tests never collide with each other or a running Synthos.
 */
public final class TestConfigs {

  private TestConfigs() {}

  /** The environment variables that put every server of a process on its own free port. */
  public static Map<String, String> freePorts() {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", String.valueOf(FreePort.find()));
    env.put("ADMIN_PORT", String.valueOf(FreePort.find()));
    env.put("GRPC_PORT", String.valueOf(FreePort.find()));
    env.put("DATA_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    env.put("VALIDATION_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    env.put("COLLAPSE_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    env.put("SYNTHOS_BIND_HOST", "127.0.0.1");
    env.put("WORKERS", "2");
    return env;
  }

  /** The ports a node running every role listens on: REST, dashboard, and the four gRPC servers. */
  public static int[] serverPorts(SynthosConfig config) {
    return new int[] {
      config.http().port(),
      config.admin().port(),
      config.grpc().port(),
      config.services().data().port(),
      config.services().validation().port(),
      config.services().collapse().port()
    };
  }

  /** A configuration on the given database and Redis, free ports, and a data directory. */
  public static SynthosConfig on(Secret databaseUrl, String redisUrl, Path dataDir) {
    return on(databaseUrl, redisUrl, dataDir, Map.of());
  }

  /** The same, with {@code more} environment variables added or overridden. */
  public static SynthosConfig on(
      Secret databaseUrl, String redisUrl, Path dataDir, Map<String, String> more) {
    Map<String, String> env = freePorts();
    env.put("DATABASE_URL", databaseUrl.value());
    env.put("REDIS_URL", redisUrl);
    env.put("SYNTHOS_DATA_DIR", dataDir.toString());
    env.putAll(more);
    return ConfigLoader.load(Optional.empty(), env);
  }
}
