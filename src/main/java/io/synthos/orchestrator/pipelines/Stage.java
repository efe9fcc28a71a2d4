package io.synthos.orchestrator.pipelines;

import io.synthos.orchestrator.jobs.MlPool;
import java.util.List;

/** One step of a pipeline: the job type that runs it, its pool, and the stages it needs first. */
public record Stage(String name, String jobType, MlPool pool, List<String> needs) {}
