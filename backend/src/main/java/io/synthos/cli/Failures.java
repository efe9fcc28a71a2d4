package io.synthos.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on standard error, {@code synthos: …}, and its exit code: bad
 * arguments 2, a {@link CliException} its own, anything unexpected 1.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {

  private final Console console;

  Failures(Console console) {
    this.console = console;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    console.err().println("synthos: " + e.getMessage() + " (see " + command + " --help)");
    console.err().flush();
    return CliException.BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof ParameterException bad) {
      return handleParseException(bad, parsed.originalArgs().toArray(String[]::new));
    }
    int code = e instanceof CliException cli ? cli.exitCode() : CliException.FAILED;
    String message = e instanceof CliException ? e.getMessage() : e.toString();
    console.err().println("synthos: " + message);
    console.err().flush();
    return code;
  }
}
