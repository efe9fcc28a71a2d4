package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.pipelines.PipelineStore;
import java.util.List;

/** What one committed transaction changed: jobs, and the pipeline progress that followed. */
record Committed(List<JobChange> changes, PipelineStore.Progress progress) {}
