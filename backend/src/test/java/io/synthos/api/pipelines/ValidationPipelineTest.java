package io.synthos.api.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A validation end to end on one node: datasets uploaded over REST and ingested, a pipeline whose
 * validate stage asks the validation service over gRPC, which reads the columns from the data
 * service, and a report at the end.
 */
@Tag("integration")
@DisplayName("A validation pipeline on real services")
class ValidationPipelineTest {

  @RegisterExtension static final NodeExtension node = NodeExtension.allServices();

  @Test
  @DisplayName("runs ingest check, validate and report, and stores the validation report")
  void validates() {
    String token = node.newAccessToken();
    String real = ready(token, "real.csv", table(300, 1));
    String synthetic = ready(token, "synthetic.csv", table(300, 2));

    Response created =
        HttpProbe.postJson(
            node.url("/api/v1/pipelines/validation"),
            new JsonObject()
                .put(
                    "input",
                    new JsonObject()
                        .put("dataset_id", synthetic)
                        .put("reference_dataset_id", real)
                        .put("target_column", "member")),
            "Authorization",
            "Bearer " + token);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String pipeline = created.json().getString("id");

    JsonObject[] done = new JsonObject[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              done[0] = get(token, "/api/v1/pipelines/" + pipeline).json();
              assertThat(done[0].getString("state")).as(done[0].encode()).isEqualTo("succeeded");
            });
    JsonObject report =
        done[0].getJsonArray("stages").stream()
            .map(JsonObject.class::cast)
            .filter(stage -> "validate".equals(stage.getString("name")))
            .findFirst()
            .orElseThrow()
            .getJsonObject("result");
    assertThat(report.getJsonObject("fidelity").getDouble("score")).isBetween(0.5, 1.0);
    assertThat(report.getJsonObject("privacy").getDouble("exact_match_rate")).isZero();
    assertThat(report.getJsonObject("utility").getString("task")).isEqualTo("classification");
    assertThat(report.getJsonObject("detection").getDouble("auc")).isBetween(0.0, 1.0);
    assertThat(report.getDouble("score")).isBetween(0.0, 100.0);
  }

  private static String ready(String token, String name, String csv) {
    return TestDatasets.ready(node, token, name, csv);
  }

  private static Response get(String token, String path) {
    return HttpProbe.get(node.url(path), "Authorization", "Bearer " + token);
  }

  private static String table(int rows, long seed) {
    return TestDatasets.people(rows, seed);
  }
}
