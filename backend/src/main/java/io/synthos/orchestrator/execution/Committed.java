package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.pipelines.PipelineStore;
import java.util.List;

/** What one committed transaction changed: jobs, and the pipeline progress that followed. */
record Committed(List<JobChange> changes, PipelineStore.Progress progress) {

  /** Announces the changes: the jobs first, then the jobs and pipelines their progress moved. */
  void publishTo(JobEvents events) {
    events.jobs(changes);
    events.jobs(progress.jobs());
    events.pipelines(progress.pipelines());
  }
}
