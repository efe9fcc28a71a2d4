package io.synthos.orchestrator.jobs;

import static io.synthos.orchestrator.jobs.DatasetMembers.DATASET;
import static io.synthos.orchestrator.jobs.DatasetMembers.GENERATIONS;
import static io.synthos.orchestrator.jobs.DatasetMembers.HOLDOUT;
import static io.synthos.orchestrator.jobs.DatasetMembers.REFERENCE;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of job: its name, the ML pool it runs on, whether users may submit it on its own, and
 * which members of its payload name datasets. A new type must say which datasets it reads, so the
 * ownership check cannot miss them.
 */
public enum JobType {
  NOOP("noop", MlPool.NONE, true, DatasetMembers.NONE),
  DATA_CHECK(
      "data.check",
      MlPool.DATA,
      true,
      DatasetMembers.ready(List.of(DATASET, REFERENCE, HOLDOUT), List.of(GENERATIONS))),
  DATA_INGEST("data.ingest", MlPool.DATA, false, DatasetMembers.anyState(List.of(DATASET))),
  VALIDATE(
      "validation.validate",
      MlPool.VALIDATION,
      true,
      DatasetMembers.ready(List.of(DATASET, REFERENCE, HOLDOUT), List.of())),
  COLLAPSE(
      "collapse.analyse",
      MlPool.COLLAPSE,
      true,
      DatasetMembers.ready(List.of(DATASET, REFERENCE), List.of(GENERATIONS))),
  REPORT("report.assemble", MlPool.NONE, false, DatasetMembers.NONE),
  WARRANTY("warranty.issue", MlPool.NONE, false, DatasetMembers.NONE);

  private final String id;
  private final MlPool pool;
  private final boolean submittable;
  private final DatasetMembers datasets;

  JobType(String id, MlPool pool, boolean submittable, DatasetMembers datasets) {
    this.id = id;
    this.pool = pool;
    this.submittable = submittable;
    this.datasets = datasets;
  }

  /** The name jobs carry in the API and the database, e.g. {@code validation.validate}. */
  public String id() {
    return id;
  }

  public MlPool pool() {
    return pool;
  }

  /** Whether a user may submit it as a stand-alone job; the others run inside pipelines. */
  public boolean submittable() {
    return submittable;
  }

  /** The payload members that name datasets. */
  public DatasetMembers datasets() {
    return datasets;
  }

  public static Optional<JobType> of(String id) {
    return Arrays.stream(values()).filter(type -> type.id.equals(id)).findFirst();
  }

  /** The names of the types users may submit, in declaration order. */
  public static List<String> submittableIds() {
    return Arrays.stream(values()).filter(JobType::submittable).map(JobType::id).toList();
  }
}
