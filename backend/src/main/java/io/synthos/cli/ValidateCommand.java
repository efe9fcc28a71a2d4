package io.synthos.cli;

import io.synthos.cli.Thresholds.CollapseRisk;
import io.synthos.platform.ReportSections;
import io.synthos.proto.v1.ReportSection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code validate}: the whole pipeline on local files, locally or on a server; a CI gate. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    header = "Validates a synthetic dataset, here or on a server; a CI quality gate.",
    sortOptions = false,
    description = {
      "Validates a synthetic dataset against the real data it was made from, "
          + "prints a summary and exits 0 when every threshold holds, 1 when one "
          + "does not (naming it), 2 on bad input. Without --server, a whole "
          + "Synthos node runs inside this process on embedded PostgreSQL and "
          + "Redis, on loopback ports, for this run only."
    },
    footer = {
      "",
      "Example (a CI gate):",
      "  java -jar synthos.jar validate --synthetic syn.csv --real real.csv \\",
      "    --target churned --min-score 80 --max-collapse-risk low \\",
      "    --out report.json --html report.html"
    })
final class ValidateCommand implements Callable<Integer> {

  /**
   * The sections a run may ask for, as {@code --sections} reads them (their keys, in any case) and
   * as its help lists them.
   */
  static final class Sections implements ITypeConverter<ReportSection>, Iterable<String> {

    @Override
    public ReportSection convert(String value) {
      return ReportSections.byKey(value.strip().toLowerCase(Locale.ROOT))
          .filter(ReportSections.REQUESTABLE::contains)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "'"
                          + value
                          + "' is not a section; the sections are "
                          + String.join(", ", this)));
    }

    @Override
    public Iterator<String> iterator() {
      return ReportSections.keys(ReportSections.REQUESTABLE).iterator();
    }
  }

  private final Console console;
  private final Map<String, String> localOverrides;

  @Option(
      names = "--synthetic",
      required = true,
      paramLabel = "FILE",
      description = "The synthetic dataset (CSV, TSV or JSON Lines).")
  Path synthetic;

  @Option(names = "--real", paramLabel = "FILE", description = "The real data it was made from.")
  Path real;

  @Option(
      names = "--holdout",
      paramLabel = "FILE",
      description = "Real data kept out of training, for the privacy and utility checks.")
  Path holdout;

  @Option(
      names = "--target",
      paramLabel = "COLUMN",
      description = "The column a model would predict; turns the utility check on.")
  String target;

  @Option(
      names = "--generations",
      split = ",",
      paramLabel = "FILE",
      description = "Earlier generations of the synthetic data, oldest first, for model collapse.")
  List<Path> generations = new ArrayList<>();

  @Option(
      names = "--sections",
      split = ",",
      paramLabel = "SECTION",
      converter = Sections.class,
      completionCandidates = Sections.class,
      description = "Sections to compute: ${COMPLETION-CANDIDATES} (default: all that can run).")
  List<ReportSection> sections = new ArrayList<>();

  @Option(
      names = "--min-score",
      paramLabel = "SCORE",
      description = "Fail (exit 1) when the overall score (0-100) is below this.")
  Double minScore;

  @Option(
      names = "--max-collapse-risk",
      paramLabel = "RISK",
      description = "Fail (exit 1) when the collapse risk is above this: none, low, medium, high.")
  CollapseRisk maxCollapseRisk;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Deadline.Converter.class,
      description =
          "Give up (exit 1) when the run takes longer, such as 90s, 30m or 2h (default: no limit).")
  String timeout;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report's JSON here.")
  Path out;

  @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here.")
  Path html;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the local node keeps its data, kept afterwards (default: a temporary one).")
  Path dataDir;

  @Mixin ServerOptions server = new ServerOptions();

  private Deadline deadline = Deadline.none();

  /**
   * @param localOverrides settings for the in-process node on top of its embedded defaults (empty
   *     but in tests)
   */
  ValidateCommand(Console console, Map<String, String> localOverrides) {
    this.console = console;
    this.localOverrides = Map.copyOf(localOverrides);
  }

  @Override
  public Integer call() {
    Thresholds thresholds = thresholds();
    List<Path> files = files();
    deadline = timeout == null ? Deadline.none() : Deadline.after(Deadline.parse(timeout), timeout);
    if (server.given(console)) {
      if (dataDir != null) {
        throw CliException.badInput("--data-dir is for a local run; leave it out with --server");
      }
      return run(server.client(console), files, thresholds);
    }
    ProgressView progress = new ProgressView(console);
    progress.note("starting a local Synthos node");
    long begin = System.nanoTime();
    try (LocalNode node = LocalNode.start(dataDir, localOverrides)) {
      progress.note(
          "local node ready in "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin)
              + " ms on "
              + node.client().base());
      return run(node.client(), files, thresholds);
    }
  }

  private int run(SynthosClient client, List<Path> files, Thresholds thresholds) {
    ProgressView progress = new ProgressView(console);
    List<JsonObject> datasets = Uploads.uploadAll(client, files, progress::note, deadline);
    JsonObject validation = client.createValidation(request(datasets));
    String id = validation.getString("validation_id");
    progress.note("validation " + id);
    JsonObject last = client.follow(id, progress::update, deadline);
    progress.endBar();
    if (!"completed".equals(last.getString("status"))) {
      throw new CliException(
          CliException.FAILED,
          "validation " + id + " " + last.getString("status") + ": " + last.getString("error"));
    }
    JsonObject report = client.validation(id).getJsonObject("report");
    OutputFiles.write(out, report.encodePrettily().getBytes(StandardCharsets.UTF_8));
    if (html != null) {
      OutputFiles.write(html, client.reportHtml(id));
    }
    printSummary(report, id, thresholds);
    if (thresholds.met(report)) {
      return CliException.OK;
    }
    // Also on standard error, where a CI log shows failures.
    thresholds.describe(report).stream()
        .filter(line -> line.startsWith("UNMET"))
        .forEach(line -> console.err().println("synthos: " + line.substring(7)));
    console.err().flush();
    return CliException.FAILED;
  }

  private void printSummary(JsonObject report, String id, Thresholds thresholds) {
    console.out().println("validation   " + id);
    ReportSummary.print(report, console.out());
    for (String line : thresholds.describe(report)) {
      console.out().println(line);
    }
    console.out().flush();
  }

  /** The request: the first dataset is the synthetic one, then the others in the files' order. */
  private JsonObject request(List<JsonObject> datasets) {
    int next = 1;
    JsonObject body = new JsonObject().put("dataset_id", datasets.get(0).getString("id"));
    if (real != null) {
      body.put("reference_dataset_id", datasets.get(next++).getString("id"));
    }
    if (holdout != null) {
      body.put("holdout_dataset_id", datasets.get(next++).getString("id"));
    }
    if (!generations.isEmpty()) {
      JsonArray ids = new JsonArray();
      for (int i = 0; i < generations.size(); i++) {
        ids.add(datasets.get(next++).getString("id"));
      }
      body.put("generations", ids);
    }
    if (target != null) {
      body.put("target_column", target);
    }
    JsonObject options = new JsonObject().put("priority", "express");
    if (!sections.isEmpty()) {
      JsonArray names = new JsonArray();
      sections.stream().distinct().forEach(s -> names.add(ReportSections.key(s)));
      options.put("sections", names);
    }
    return body.put("options", options);
  }

  /** Every input file, checked before any work starts: synthetic, real, holdout, generations. */
  private List<Path> files() {
    if (holdout != null && real == null) {
      throw CliException.badInput("--holdout needs --real");
    }
    List<Path> files = new ArrayList<>();
    files.add(Uploads.readable(synthetic));
    if (real != null) {
      files.add(Uploads.readable(real));
    }
    if (holdout != null) {
      files.add(Uploads.readable(holdout));
    }
    generations.forEach(file -> files.add(Uploads.readable(file)));
    return files;
  }

  private Thresholds thresholds() {
    if (minScore != null && (minScore.isNaN() || minScore < 0 || minScore > 100)) {
      throw CliException.badInput("--min-score must be between 0 and 100, not " + minScore);
    }
    return new Thresholds(minScore, maxCollapseRisk);
  }
}
