package io.synthos.orchestrator;

import io.synthos.auth.Access;
import io.synthos.auth.AccessRules;
import io.synthos.auth.AuthClient;
import io.synthos.auth.Principal;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.synthos.proto.v1.GetPipelineRequest;
import io.synthos.proto.v1.OrchestratorGrpcService;
import io.synthos.proto.v1.PipelineEvent;
import io.synthos.proto.v1.PipelineView;
import io.synthos.proto.v1.SubmitPipelineRequest;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The orchestrator's gRPC service for programmatic clients: submit a pipeline, read it, and watch
 * its events as a server stream. It authenticates through the auth verticle like the REST API and
 * answers with the same JSON documents. Each method asks of its caller what the REST operation
 * doing the same thing asks ({@link AccessRules}: the operation whose {@code x-grpc} names it), so
 * a read-only API key can read and watch but not submit.
 */
final class OrchestratorGrpcEndpoint {

  private static final Set<String> FINAL = Set.of("succeeded", "failed", "cancelled");

  private final Vertx vertx;
  private final AuthClient auth;
  private final PipelineRequests requests;
  private final AccessRules rules;
  private final Map<String, Access> access = new HashMap<>();

  OrchestratorGrpcEndpoint(Vertx vertx, PipelineRequests requests, AccessRules rules) {
    this.vertx = vertx;
    this.auth = new AuthClient(vertx);
    this.requests = requests;
    this.rules = rules;
  }

  /**
   * @throws IllegalStateException when the contract does not say what a method's callers need
   */
  void bind(GrpcServer server) {
    bind(server, OrchestratorGrpcService.SubmitPipeline, this::submit);
    bind(server, OrchestratorGrpcService.GetPipeline, this::get);
    bind(server, OrchestratorGrpcService.WatchPipeline, this::watch);
  }

  private <I, O> void bind(
      GrpcServer server, ServiceMethod<I, O> method, Handler<GrpcServerRequest<I, O>> handler) {
    access.put(method.fullMethodName(), rules.grpcMethod(method.fullMethodName()));
    server.callHandler(method, handler);
  }

  private void submit(GrpcServerRequest<SubmitPipelineRequest, PipelineView> call) {
    call.handler(
        request ->
            caller(call)
                .compose(
                    caller -> {
                      JsonObject input;
                      try {
                        input =
                            new JsonObject(
                                request.getInputJson().isEmpty() ? "{}" : request.getInputJson());
                      } catch (io.vertx.core.json.DecodeException e) {
                        return Future.failedFuture(
                            ProblemType.INVALID_PIPELINE.exception(
                                "input_json is not a JSON object."));
                      }
                      JsonObject body =
                          new JsonObject()
                              .put("caller", caller.toJson())
                              .put("kind", request.getKind())
                              .put("input", input);
                      if (!request.getPriority().isEmpty()) {
                        body.put("priority", request.getPriority());
                      }
                      return requests.create(body);
                    })
                .onSuccess(pipeline -> call.response().end(view(pipeline)))
                .onFailure(failure -> fail(call, failure)));
  }

  private void get(GrpcServerRequest<GetPipelineRequest, PipelineView> call) {
    call.handler(
        request ->
            caller(call)
                .compose(caller -> requests.get(query(caller, request.getPipelineId())))
                .onSuccess(pipeline -> call.response().end(view(pipeline)))
                .onFailure(failure -> fail(call, failure)));
  }

  /**
   * Sends the pipeline as it is now, then each event about it, until it finishes or the client
   * leaves.
   */
  private void watch(GrpcServerRequest<GetPipelineRequest, PipelineEvent> call) {
    call.handler(
        request ->
            caller(call)
                .compose(caller -> requests.get(query(caller, request.getPipelineId())))
                .onSuccess(
                    pipeline -> {
                      String id = pipeline.getString("id");
                      MessageConsumer<JsonObject> events =
                          vertx.eventBus().consumer(OrchestratorAddresses.JOB_EVENTS);
                      events.handler(
                          message -> {
                            JsonObject event = message.body();
                            if (!id.equals(event.getString("pipeline_id"))) {
                              return;
                            }
                            call.response().write(event(event));
                            if ("pipeline".equals(event.getString("kind"))
                                && FINAL.contains(event.getString("state"))) {
                              events.unregister();
                              call.response().end();
                            }
                          });
                      call.exceptionHandler(gone -> events.unregister());
                      call.connection().closeHandler(closed -> events.unregister());
                      call.response()
                          .write(
                              event(
                                  new JsonObject()
                                      .put("kind", "snapshot")
                                      .put("pipeline", pipeline)));
                      if (FINAL.contains(pipeline.getString("state"))) {
                        events.unregister();
                        call.response().end();
                      }
                    })
                .onFailure(failure -> fail(call, failure)));
  }

  private Future<Principal> caller(GrpcServerRequest<?, ?> call) {
    return auth.authenticate(
        call.headers().get("authorization"),
        call.headers().get("x-api-key"),
        access.get(call.fullMethodName()));
  }

  private static JsonObject query(Principal caller, String pipelineId) {
    return new JsonObject().put("caller", caller.toJson()).put("id", pipelineId);
  }

  private static PipelineView view(JsonObject pipeline) {
    return PipelineView.newBuilder().setPipelineJson(pipeline.encode()).build();
  }

  private static PipelineEvent event(JsonObject event) {
    return PipelineEvent.newBuilder().setEventJson(event.encode()).build();
  }

  /** Problems become gRPC statuses with the problem's detail as the message. */
  private static void fail(GrpcServerRequest<?, ?> call, Throwable failure) {
    GrpcStatus status = GrpcStatus.INTERNAL;
    String message = "internal error";
    if (failure instanceof ProblemException problem) {
      message = problem.problem().detail();
      status =
          switch (problem.problem().status()) {
            case 400, 413, 422 -> GrpcStatus.INVALID_ARGUMENT;
            case 401 -> GrpcStatus.UNAUTHENTICATED;
            case 403 -> GrpcStatus.PERMISSION_DENIED;
            case 404 -> GrpcStatus.NOT_FOUND;
            case 409 -> GrpcStatus.FAILED_PRECONDITION;
            case 429 -> GrpcStatus.RESOURCE_EXHAUSTED;
            case 503 -> GrpcStatus.UNAVAILABLE;
            default -> GrpcStatus.INTERNAL;
          };
    }
    call.response().status(status).statusMessage(message).end();
  }
}
