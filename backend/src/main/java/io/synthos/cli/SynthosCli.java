package io.synthos.cli;

import io.synthos.launcher.Role;
import io.synthos.platform.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code synthos} command: {@code serve} (the default), {@code validate}, {@code upload},
 * {@code status}, {@code report} and {@code warranty}. Exit codes: 0 done, 1 a threshold unmet or
 * the work failed, 2 bad input.
 */
@Command(
    name = "synthos",
    mixinStandardHelpOptions = true,
    versionProvider = SynthosCli.Version.class,
    description = {
      "Synthos validates synthetic tabular datasets and issues verifiable " + "warranties on them.",
      "",
      "With no command (or with only serve's options, --roles and --config) "
          + "it runs the server: serve --help tells more."
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 a threshold unmet or the work failed, 2 bad input.",
      "",
      "Roles (serve --roles LIST):"
    })
public final class SynthosCli implements Runnable {

  private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

  @Spec CommandSpec spec;

  /**
   * Runs the command line and answers the exit code; {@code serve} answers only once the server has
   * stopped.
   */
  public static int execute(String[] args, Console console) {
    return execute(args, console, Map.of());
  }

  /**
   * As {@link #execute(String[], Console)}, with settings for a local {@code validate} node on top
   * of its embedded defaults (tests point it at their own PostgreSQL and Redis).
   */
  public static int execute(String[] args, Console console, Map<String, String> localOverrides) {
    return commandLine(console, localOverrides).execute(withDefaultCommand(args));
  }

  /** The whole command tree, writing to the console. */
  static CommandLine commandLine(Console console, Map<String, String> localOverrides) {
    CommandLine cli =
        new CommandLine(new SynthosCli())
            .addSubcommand(new ServeCommand(console))
            .addSubcommand(new ValidateCommand(console, localOverrides))
            .addSubcommand(new UploadCommand(console))
            .addSubcommand(new StatusCommand(console))
            .addSubcommand(new ReportCommand(console))
            .addSubcommand(
                new CommandLine(new WarrantyCommand())
                    .addSubcommand(new WarrantyRequestCommand(console))
                    .addSubcommand(new WarrantyVerifyCommand(console)));
    List<String> footer = new ArrayList<>(List.of(cli.getCommandSpec().usageMessage().footer()));
    for (Role role : Role.values()) {
      footer.add(String.format("  %-13s %s", role.id(), role.summary()));
    }
    cli.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    return cli.setOut(console.out())
        .setErr(console.err())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(new Failures(console))
        .setExecutionExceptionHandler(new Failures(console));
  }

  /**
   * {@code serve} when no command is named: no arguments, or options that are not the top level's
   * own (so {@code --roles api} still runs an API node, as it always did).
   */
  static String[] withDefaultCommand(String[] args) {
    if (args.length > 0 && (!args[0].startsWith("-") || OWN_OPTIONS.contains(args[0]))) {
      return args;
    }
    String[] serve = new String[args.length + 1];
    serve[0] = "serve";
    System.arraycopy(args, 0, serve, 1, args.length);
    return serve;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version in the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"synthos " + NodeInfo.create(List.of()).version()};
    }
  }
}
