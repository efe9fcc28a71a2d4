package io.synthos.cli;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code status}: where a validation stands, or (with --wait) followed to its end. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "Shows where a validation stands.",
    description = {
      "Prints a validation's status, progress and, once completed, its score. "
          + "With --wait, follows it live to the end and exits 0 when it completed, "
          + "1 when it failed or was cancelled."
    })
final class StatusCommand implements Callable<Integer> {

  private final Console console;

  @Parameters(index = "0", paramLabel = "VALIDATION_ID", description = "The validation's id.")
  String validationId;

  @Option(names = "--wait", description = "Follow the validation until it ends.")
  boolean await;

  @Mixin ServerOptions server = new ServerOptions();

  StatusCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    SynthosClient client = server.client(console);
    JsonObject validation;
    if (await) {
      ProgressView progress = new ProgressView(console);
      client.follow(validationId, progress::update);
      progress.endBar();
    }
    validation = client.validation(validationId);
    JsonObject progress = validation.getJsonObject("progress", new JsonObject());
    console.out().printf("validation   %s%n", validationId);
    console.out().printf("status       %s%n", validation.getString("status"));
    console
        .out()
        .printf(
            "progress     %d%%%s%n",
            (int) Math.floor(progress.getDouble("fraction", 0.0) * 100),
            progress.getString("stage") == null ? "" : "  " + progress.getString("stage"));
    if (validation.getValue("score") instanceof Number score) {
      console.out().printf("score        %s%n", Thresholds.format(score.doubleValue()));
    }
    if (validation.getString("error") != null) {
      console.out().printf("error        %s%n", validation.getString("error"));
    }
    console.out().flush();
    boolean failed = await && !"completed".equals(validation.getString("status"));
    return failed ? CliException.FAILED : CliException.OK;
  }
}
