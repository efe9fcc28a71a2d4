package io.synthos.orchestrator.pipelines;

import io.synthos.orchestrator.jobs.MlPool;
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

  PipelineKind(List<Stage> stages) {
    this.stages = List.copyOf(stages);
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
        new Stage("ingest-check", "data.check", MlPool.DATA, List.of()),
        new Stage("validate", "validation.validate", MlPool.VALIDATION, List.of("ingest-check")),
        new Stage("collapse", "collapse.analyse", MlPool.COLLAPSE, List.of("ingest-check")),
        new Stage("report", "report.assemble", MlPool.NONE, List.of("validate", "collapse")));
  }

  private static List<Stage> fullStages() {
    List<Stage> stages = new ArrayList<>(validationStages());
    stages.add(new Stage("warranty", "warranty.issue", MlPool.NONE, List.of("report")));
    return stages;
  }
}
