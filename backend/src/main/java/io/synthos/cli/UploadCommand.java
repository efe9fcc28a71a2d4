package io.synthos.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code upload}: files become datasets on a server, printed one per line once profiled. */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    header = "Uploads files to a server as datasets.",
    description = {
      "Uploads files to a Synthos node as datasets and waits until each is "
          + "profiled; prints one line per dataset: id, status, rows, columns, "
          + "name. Exits 2 when a file cannot be read as a dataset, naming the line "
          + "at fault."
    })
final class UploadCommand implements Callable<Integer> {

  private final Console console;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV, TSV or JSON Lines files.")
  List<Path> files;

  @Mixin ServerOptions server = new ServerOptions();

  UploadCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    files.forEach(Uploads::readable);
    SynthosClient client = server.client(console);
    ProgressView progress = new ProgressView(console);
    for (JsonObject dataset : Uploads.uploadAll(client, files, progress::note, Deadline.none())) {
      console
          .out()
          .printf(
              "%s  %s  %s rows  %s columns  %s%n",
              dataset.getString("id"),
              dataset.getString("status"),
              dataset.getValue("rows"),
              dataset.getValue("columns"),
              dataset.getString("name"));
    }
    console.out().flush();
    return CliException.OK;
  }
}
