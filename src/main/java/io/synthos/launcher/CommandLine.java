package io.synthos.launcher;

import io.synthos.platform.config.Setting;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The launcher's arguments: which roles to run, an optional configuration file, and settings given
 * as options ({@code --cluster}, {@code --instances}), keyed by the environment variable they
 * override.
 */
public record CommandLine(
    Set<Role> roles, Optional<Path> configFile, boolean help, Map<String, String> settings) {

  /**
   * Parses the arguments; {@code SYNTHOS_CONFIG} names the configuration file when {@code --config}
   * does not.
   *
   * @throws IllegalArgumentException with a message fit for one line on the terminal
   */
  public static CommandLine parse(String[] args, String configFromEnv) {
    Set<Role> roles = EnumSet.allOf(Role.class);
    Optional<Path> config =
        Optional.ofNullable(configFromEnv).filter(s -> !s.isBlank()).map(Path::of);
    Map<String, String> settings = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (option) {
        case "-h", "--help" -> {
          return new CommandLine(roles, config, true, Map.of());
        }
        case "--roles" -> roles = Role.parseList(valueOf(args, i++, arg));
        case "--config" -> config = Optional.of(Path.of(valueOf(args, i++, arg)));
        case "--cluster" -> settings.put(Setting.CLUSTER.env(), "true");
        case "--instances" -> settings.put(Setting.INSTANCES.env(), valueOf(args, i++, arg));
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    return new CommandLine(roles, config, false, Map.copyOf(settings));
  }

  /** The value of {@code --opt=value} or {@code --opt value}. */
  private static String valueOf(String[] args, int index, String arg) {
    if (arg.contains("=")) {
      return arg.substring(arg.indexOf('=') + 1);
    }
    if (index + 1 >= args.length) {
      throw new IllegalArgumentException(arg + " needs a value");
    }
    return args[index + 1];
  }

  public static String usage() {
    StringBuilder text =
        new StringBuilder(
            """
            Synthos validates synthetic tabular datasets and issues verifiable warranties on them.

            Usage: java -jar synthos.jar [--roles LIST] [--config FILE] [--cluster] [--instances LIST]

              --roles LIST   comma-separated roles to run in this process (default: all of them)
              --config FILE  YAML file whose keys override conf/synthos.yaml (or SYNTHOS_CONFIG)
              --cluster      join the Hazelcast cluster (SYNTHOS_CLUSTER_MEMBERS lists members)
              --instances L  verticle instances per role, e.g. api=4,orchestrator=2
              -h, --help     show this help

            With no arguments every role runs in one process on an embedded PostgreSQL and an
            embedded Redis kept under SYNTHOS_DATA_DIR (default ./data). Environment variables
            override the configuration; the README lists them all.

            Roles:
            """);
    for (Role role : Role.values()) {
      text.append(String.format("  %-13s %s%n", role.id(), role.summary()));
    }
    return text.toString();
  }
}
