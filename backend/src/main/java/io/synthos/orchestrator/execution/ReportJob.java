package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** {@code report.assemble}: joins the results of the stages before it into one report. */
final class ReportJob implements JobExecutor {

  private final PipelineStore pipelines;

  ReportJob(PipelineStore pipelines) {
    this.pipelines = pipelines;
  }

  @Override
  public Future<JsonObject> execute(ClaimedJob job, JobControl control) {
    return pipelines
        .results(job.pipelineId())
        .map(results -> ReportAssembly.assemble(job.payload(), results));
  }
}
