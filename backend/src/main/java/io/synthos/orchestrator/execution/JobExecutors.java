package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.MlServiceClient;
import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobType;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The executor of every job type, one each. The switch that builds them has no default branch, so a
 * new {@link JobType} without an executor does not compile; a stored job whose type this build does
 * not know fails permanently.
 */
public final class JobExecutors {

  private final Map<JobType, JobExecutor> byType = new EnumMap<>(JobType.class);

  /** {@code workDeadline} bounds each computation (ingest, validate, analyse) on a service. */
  public JobExecutors(
      Vertx vertx,
      MlServiceClient data,
      MlServiceClient validation,
      MlServiceClient collapse,
      PipelineStore pipelines,
      Duration workDeadline) {
    for (JobType type : JobType.values()) {
      byType.put(
          type,
          switch (type) {
            case NOOP -> new NoopJob(vertx);
            case DATA_CHECK -> new DataCheckJob(data);
            case DATA_INGEST -> new IngestJob(data, workDeadline);
            case VALIDATE -> new ValidateJob(validation, workDeadline);
            case COLLAPSE -> new CollapseJob(collapse, workDeadline);
            case REPORT -> new ReportJob(pipelines);
            case WARRANTY -> new WarrantyJob();
          });
    }
  }

  /** Replaces the executor of one type; tests use it to put fakes at the boundary. */
  public JobExecutors with(JobType type, JobExecutor executor) {
    byType.put(type, executor);
    return this;
  }

  /** The executor that runs jobs of this type. */
  JobExecutor of(JobType type) {
    return byType.get(type);
  }

  /** Runs the job with its type's executor; whatever goes wrong arrives as a failed future. */
  public Future<JsonObject> execute(ClaimedJob job, JobControl control) {
    Optional<JobType> type = JobType.of(job.type());
    if (type.isEmpty()) {
      return Future.failedFuture(JobFailure.permanent("no executor for job type " + job.type()));
    }
    try {
      return of(type.get()).execute(job, control);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
