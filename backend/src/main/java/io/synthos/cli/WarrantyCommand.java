package io.synthos.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code warranty}: the group of {@code request} and {@code verify}. */
@Command(
    name = "warranty",
    mixinStandardHelpOptions = true,
    header = "Requests a warranty, or verifies one offline.",
    description = "Asks a node for a signed warranty, or verifies one offline.")
final class WarrantyCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: request or verify");
  }
}
