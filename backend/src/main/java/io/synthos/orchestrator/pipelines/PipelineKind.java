package io.synthos.orchestrator.pipelines;

import io.synthos.orchestrator.jobs.DatasetMembers;
import io.synthos.orchestrator.jobs.JobType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pipelines Synthos runs, each a small DAG of stages: the datasets are checked, validation and
 * collapse analysis run side by side, the report joins them; {@code full} then issues a warranty.
 */
public enum PipelineKind {
  VALIDATION(validationStages()),
  FULL(fullStages());

  private final List<Stage> stages;
  private final DatasetMembers datasets;

  PipelineKind(List<Stage> stages) {
    this.stages = List.copyOf(stages);
    this.datasets =
        stages.stream()
            .map(stage -> stage.type().datasets())
            .reduce(DatasetMembers.NONE, DatasetMembers::and);
  }

  /** The members of the pipeline's input that name datasets: what any of its stages reads. */
  public DatasetMembers datasets() {
    return datasets;
  }

  public List<Stage> stages() {
    return stages;
  }

  public Stage stage(String name) {
    return stages.stream().filter(stage -> stage.name().equals(name)).findFirst().orElseThrow();
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PipelineKind of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  private static List<Stage> validationStages() {
    return List.of(
        new Stage("ingest-check", JobType.DATA_CHECK, List.of()),
        new Stage("validate", JobType.VALIDATE, List.of("ingest-check")),
        new Stage("collapse", JobType.COLLAPSE, List.of("ingest-check")),
        new Stage("report", JobType.REPORT, List.of("validate", "collapse")));
  }

  private static List<Stage> fullStages() {
    List<Stage> stages = new ArrayList<>(validationStages());
    stages.add(new Stage("warranty", JobType.WARRANTY, List.of("report")));
    return stages;
  }
}
