package io.synthos.cli;

import io.synthos.launcher.Launcher;
import io.synthos.launcher.Role;
import io.synthos.launcher.RunningNode;
import io.synthos.launcher.StartupException;
import io.synthos.platform.Logging;
import io.synthos.platform.config.ConfigException;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.Setting;
import io.synthos.platform.config.SynthosConfig;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code serve}, the default command: runs the chosen roles until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Runs the server (the default command).",
    description = {
      "Runs Synthos: the chosen roles in this process, until SIGTERM or "
          + "Ctrl-C (exit 0). With no options every role runs on an embedded "
          + "PostgreSQL and an embedded Redis kept under SYNTHOS_DATA_DIR (default "
          + "./data). Environment variables override the configuration; the README "
          + "lists them all. A bad value exits 2, a failed start 1."
    })
public final class ServeCommand implements Callable<Integer> {

  static final String CONFIG_ENV = "SYNTHOS_CONFIG";

  private final Console console;

  @Spec CommandSpec spec;

  private Set<Role> roles = EnumSet.allOf(Role.class);

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML file whose keys override conf/synthos.yaml (or SYNTHOS_CONFIG).")
  Path config;

  @Option(
      names = "--cluster",
      description =
          "Join the cluster (SYNTHOS_CLUSTER_MEMBERS lists the members; or SYNTHOS_CLUSTER).")
  boolean cluster;

  @Option(
      names = "--instances",
      paramLabel = "LIST",
      description =
          "Verticle instances per role, e.g. api=4,orchestrator=2 (or SYNTHOS_INSTANCES).")
  String instances;

  ServeCommand(Console console) {
    this.console = console;
  }

  @Option(
      names = "--roles",
      paramLabel = "LIST",
      description = "Comma-separated roles to run in this process (default: all of them).")
  void roles(String list) {
    try {
      roles = Role.parseList(list);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The roles as {@code --roles} parses them. */
  public Set<Role> roles() {
    return roles;
  }

  /** The configuration file: {@code --config}, else {@code SYNTHOS_CONFIG}. */
  public Optional<Path> configFile() {
    return Optional.ofNullable(config).or(() -> console.env(CONFIG_ENV).map(Path::of));
  }

  /**
   * The environment with the settings given as options ({@code --cluster}, {@code --instances}).
   */
  public Map<String, String> settings() {
    Map<String, String> env = new HashMap<>(console.env());
    if (cluster) {
      env.put(Setting.CLUSTER.env(), "true");
    }
    if (instances != null) {
      env.put(Setting.INSTANCES.env(), instances);
    }
    return env;
  }

  @Override
  public Integer call() throws InterruptedException {
    SynthosConfig loaded;
    try {
      loaded = ConfigLoader.load(configFile(), settings());
    } catch (ConfigException e) {
      throw CliException.badInput("configuration error: " + e.getMessage());
    }
    Logging.use(loaded.logFormat());
    Logging.levels(loaded.logLevels());
    RunningNode node;
    try {
      node = Launcher.start(loaded, roles);
    } catch (ConfigException e) {
      // A setting the roles need and the configuration lacks, found before anything started.
      throw CliException.badInput("configuration error: " + e.getMessage());
    } catch (StartupException e) {
      throw new CliException(CliException.FAILED, e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    stopOnSignal(node, stopped);
    stopped.await();
    return CliException.OK;
  }

  /** SIGTERM and SIGINT stop the node cleanly and exit 0, as a supervisor expects. */
  private static void stopOnSignal(RunningNode node, CountDownLatch stopped) {
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "synthos-shutdown"));
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            node.close();
            stopped.countDown();
          });
    }
  }
}
