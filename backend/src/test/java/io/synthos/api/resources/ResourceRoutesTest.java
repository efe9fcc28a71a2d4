package io.synthos.api.resources;

import static io.synthos.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.resources.ResourceTrackerVerticle;
import io.synthos.testing.EventBusFake;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The resource status endpoint against a fake resource tracker: the node runs neither the tracker
 * nor the orchestrator, so nobody else answers {@code resources.status}.
 */
@Tag("integration")
@DisplayName("The resource status endpoint")
class ResourceRoutesTest {

  @RegisterExtension
  static final NodeExtension node = new NodeExtension(Map.of(), EnumSet.of(Role.API, Role.AUTH));

  @Test
  @DisplayName("answers the tracker's snapshot as it is")
  void snapshot() {
    JsonObject snapshot =
        new JsonObject()
            .put("updated_at", "2026-11-26T09:30:05Z")
            .put(
                "pools",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "validation")
                            .put("capacity", resources(8000, 16384, 0))
                            .put("admission_limit", resources(6400, 13107, 0))
                            .put("allocated", resources(4000, 8192, 0))
                            .put("available", resources(2400, 4915, 0))
                            .put("running_jobs", 2)
                            .put("source", "node")));
    EventBusFake tracker =
        new EventBusFake().on(ResourceTrackerVerticle.STATUS_ADDRESS, request -> snapshot);
    String deployment = node.vertx().deployVerticle(tracker).await();
    try {
      Response response = status(node.newAccessToken());

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(response.contentType()).startsWith("application/json");
      assertThat(response.json()).isEqualTo(snapshot);
      assertThat(tracker.received(ResourceTrackerVerticle.STATUS_ADDRESS)).hasSize(1);
    } finally {
      node.vertx().undeploy(deployment).await();
    }
  }

  @Test
  @DisplayName("answers 503 resources-unavailable when no tracker answers")
  void noTracker() {
    assertProblem(status(node.newAccessToken()), 503, "/problems/resources-unavailable");
  }

  @Test
  @DisplayName("answers 401 without credentials")
  void unauthenticated() {
    assertProblem(
        HttpProbe.get(node.url("/api/v1/resources/status")), 401, "/problems/invalid-token");
  }

  private static Response status(String token) {
    return HttpProbe.get(node.url("/api/v1/resources/status"), "Authorization", "Bearer " + token);
  }

  private static JsonObject resources(int cpuMillis, int memoryMib, int gpus) {
    return new JsonObject()
        .put("cpu_millis", cpuMillis)
        .put("memory_mib", memoryMib)
        .put("gpus", gpus);
  }
}
