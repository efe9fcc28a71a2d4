package io.synthos.api.jobs;

import static io.synthos.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Before any resource tracker has reported a pool, work for it is refused as a passing state. */
@Tag("integration")
@DisplayName("Jobs for a pool whose capacity is not known yet")
class CapacityUnknownTest {

  // No resources role: no pool ever reports its capacity on this node's fresh database.
  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(Map.of(), EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR));

  @Test
  @DisplayName("are refused with 503 and Retry-After, not 422: the request is not at fault")
  void refusedForNow() {
    String token = node.newAccessToken();

    Response refused =
        HttpProbe.postJson(
            node.url("/api/v1/jobs"),
            new JsonObject()
                .put("type", "data.check")
                .put("payload", new JsonObject().put("dataset_id", UUID.randomUUID().toString())),
            "Authorization",
            "Bearer " + token);

    assertProblem(refused, 503, "/problems/capacity-unknown");
    assertThat(refused.header("Retry-After")).isEqualTo("5");
    assertThat(
            HttpProbe.get(node.url("/api/v1/jobs"), "Authorization", "Bearer " + token)
                .json()
                .getJsonArray("items"))
        .isEmpty();
  }
}
