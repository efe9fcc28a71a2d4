package io.synthos.orchestrator.pipelines;

import io.synthos.orchestrator.jobs.JobType;
import java.util.List;

/** One step of a pipeline: the job type that runs it and the stages it needs first. */
public record Stage(String name, JobType type, List<String> needs) {}
