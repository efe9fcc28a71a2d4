package io.synthos;

import io.synthos.launcher.CommandLine;
import io.synthos.launcher.Launcher;
import io.synthos.launcher.RunningNode;
import io.synthos.launcher.StartupException;
import io.synthos.platform.Logging;
import io.synthos.platform.config.ConfigException;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import java.util.HashMap;
import java.util.Map;
import sun.misc.Signal;

/** Runs Synthos: {@code java -jar synthos.jar [--roles LIST] [--config FILE]}. */
public final class Main {

  static final int EXIT_OK = 0;
  static final int EXIT_START_FAILED = 1;
  static final int EXIT_BAD_INPUT = 2;

  private Main() {}

  public static void main(String[] args) {
    CommandLine commandLine;
    SynthosConfig config;
    try {
      commandLine = CommandLine.parse(args, System.getenv("SYNTHOS_CONFIG"));
      if (commandLine.help()) {
        System.out.print(CommandLine.usage());
        return;
      }
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putAll(commandLine.settings());
      config = ConfigLoader.load(commandLine.configFile(), env);
    } catch (ConfigException e) {
      exit(EXIT_BAD_INPUT, "configuration error: " + e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      exit(EXIT_BAD_INPUT, e.getMessage() + " (see --help)");
      return;
    }
    Logging.use(config.logFormat());
    RunningNode node;
    try {
      node = Launcher.start(config, commandLine.roles());
    } catch (StartupException e) {
      exit(EXIT_START_FAILED, e.getMessage());
      return;
    }
    stopOnSignal(node);
  }

  /** SIGTERM and SIGINT stop the node cleanly and exit 0, as a supervisor expects. */
  private static void stopOnSignal(RunningNode node) {
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "synthos-shutdown"));
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            node.close();
            System.exit(EXIT_OK);
          });
    }
  }

  private static void exit(int status, String message) {
    System.err.println("synthos: " + message);
    System.exit(status);
  }
}
