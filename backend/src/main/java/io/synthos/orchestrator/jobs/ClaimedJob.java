package io.synthos.orchestrator.jobs;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A job this node holds a lease on. {@code leaseVersion} is the fencing token: only a completion
 * that presents it is accepted. {@code traceContext} is the W3C traceparent stored when it was
 * enqueued (null when untraced): its run joins that trace.
 */
public record ClaimedJob(
    UUID id,
    String type,
    MlPool pool,
    UUID ownerId,
    Priority priority,
    Resources request,
    JsonObject payload,
    int attempt,
    int maxAttempts,
    long leaseVersion,
    UUID pipelineId,
    String stage,
    String traceContext) {}
