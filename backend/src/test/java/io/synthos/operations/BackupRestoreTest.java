package io.synthos.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.testing.EventStream;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.Repository;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented procedure, scripts/backup.sh then scripts/restore.sh, on a real installation. */
@Tag("slow")
@DisplayName("A backup")
class BackupRestoreTest {

  private static final Set<Role> ROLES = NodeExtension.SERVICES;

  @TempDir Path dir;

  @Test
  @DisplayName(
      "restored into a fresh database and directory has every dataset, validation and "
          + "warranty, and the warranties still verify")
  void restores() throws Exception {
    Map<String, String> original = env(TestInfra.get().freshDatabase().value(), dir.resolve("a"));
    String email;
    List<String> datasets;
    String validation;
    String warranty;
    JsonObject envelope;
    try (TestNode node = TestNode.start(original, ROLES)) {
      JsonObject session = node.newSession();
      email = session.getString("email");
      String token = session.getString("access_token");
      datasets =
          List.of(
              TestDatasets.ready(node::url, token, "real.csv", TestDatasets.people(300, 1)),
              TestDatasets.ready(node::url, token, "synthetic.csv", TestDatasets.people(300, 2)));
      validation = validate(node, token, datasets);
      Response issued =
          HttpProbe.postJson(
              node.url("/api/v1/warranties/request"),
              new JsonObject().put("validation_id", validation).put("tier", "basic"),
              "Authorization",
              "Bearer " + token);
      assertThat(issued.status()).as(issued.body()).isEqualTo(201);
      warranty = issued.json().getString("warranty_id");
      envelope = issued.json().getJsonObject("envelope");
      run("backup.sh", original);
    }

    Map<String, String> fresh = env(TestInfra.get().freshDatabase().value(), dir.resolve("b"));
    run("restore.sh", fresh);
    try (TestNode node = TestNode.start(fresh, ROLES)) {
      Response login =
          HttpProbe.postJson(
              node.url("/api/v1/auth/login"),
              new JsonObject().put("email", email).put("password", TestNode.PASSWORD));
      assertThat(login.status()).as(login.body()).isEqualTo(200);
      String token = login.json().getString("access_token");
      for (String id : datasets) {
        assertThat(get(node, token, "/api/v1/datasets/" + id).json().getString("status"))
            .isEqualTo("ready");
        Response content = get(node, token, "/api/v1/datasets/" + id + "/content");
        assertThat(content.status()).as("the bytes of " + id).isEqualTo(200);
        assertThat(content.body()).startsWith("age,income,city,member\n");
      }
      JsonObject restored = get(node, token, "/api/v1/validations/" + validation).json();
      assertThat(restored.getString("status")).isEqualTo("completed");
      assertThat(restored.getJsonObject("report")).isNotNull();
      assertThat(get(node, token, "/api/v1/warranties/" + warranty).status()).isEqualTo(200);
      Response verdict =
          HttpProbe.postJson(
              node.url("/api/v1/warranties/verify"), new JsonObject().put("envelope", envelope));
      assertThat(verdict.json().getBoolean("valid")).as(verdict.body()).isTrue();
      assertThat(verdict.json().getString("warranty_id")).isEqualTo(warranty);
    }
  }

  private Map<String, String> env(String databaseUrl, Path dataDir) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", databaseUrl);
    env.put("SYNTHOS_DATA_DIR", Files.createDirectories(dataDir).toString());
    env.putAll(NodeExtension.POOLS);
    return env;
  }

  private static String validate(TestNode node, String token, List<String> datasets)
      throws Exception {
    Response created =
        HttpProbe.postJson(
            node.url("/api/v1/validations/create"),
            new JsonObject()
                .put("dataset_id", datasets.get(1))
                .put("reference_dataset_id", datasets.get(0))
                .put("target_column", "member")
                .put("options", new JsonObject().put("priority", "express")),
            "Authorization",
            "Bearer " + token);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String id = created.json().getString("validation_id");
    List<EventStream.Event> events =
        EventStream.read(
                node.url("/api/v1/validations/" + id + "/events"),
                event -> {},
                "Authorization",
                "Bearer " + token)
            .events();
    assertThat(events.get(events.size() - 1).data().getString("status")).isEqualTo("completed");
    return id;
  }

  private static Response get(TestNode node, String token, String path) {
    return HttpProbe.get(node.url(path), "Authorization", "Bearer " + token);
  }

  /** Runs one of the documented scripts with the installation's variables. */
  private void run(String script, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                Repository.file("scripts", script).toString(),
                dir.resolve("backup").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(script + ".log").toFile());
    builder.environment().put("DATABASE_URL", env.get("DATABASE_URL"));
    builder.environment().put("SYNTHOS_DATA_DIR", env.get("SYNTHOS_DATA_DIR"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(script + " finishes").isTrue();
    assertThat(process.exitValue())
        .as(script + ": " + Files.readString(dir.resolve(script + ".log")))
        .isZero();
  }
}
