package io.synthos.cli;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report}: a completed validation's report, as JSON or as the HTML page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    header = "Prints or saves a validation's report, as JSON or HTML.",
    description = {
      "Prints a completed validation's report as JSON (or, with --html, its "
          + "self-contained HTML page), to standard output or to --out FILE. Exits "
          + "1 while there is no report yet."
    })
final class ReportCommand implements Callable<Integer> {

  private final Console console;

  @Parameters(index = "0", paramLabel = "VALIDATION_ID", description = "The validation's id.")
  String validationId;

  @Option(names = "--html", description = "The HTML page instead of the JSON.")
  boolean html;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of printing.")
  Path out;

  @Mixin ServerOptions server = new ServerOptions();

  ReportCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    SynthosClient client = server.client(console);
    JsonObject validation = client.validation(validationId);
    JsonObject report = validation.getJsonObject("report");
    if (report == null) {
      throw new CliException(
          CliException.FAILED,
          "validation " + validationId + " is " + validation.getString("status") + ": no report");
    }
    byte[] bytes =
        html
            ? client.reportHtml(validationId)
            : (report.encodePrettily() + "\n").getBytes(StandardCharsets.UTF_8);
    if (out != null) {
      OutputFiles.write(out, bytes);
    } else {
      console.out().print(new String(bytes, StandardCharsets.UTF_8));
      console.out().flush();
    }
    return CliException.OK;
  }
}
