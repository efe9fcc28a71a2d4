package io.synthos.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input through the real API, generated from fixed seeds so a failure replays: mutated JSON
 * bodies for every JSON endpoint, and malformed CSV uploads through the real data service. Nothing
 * may answer 5xx, and every dataset must end (ready or failed) rather than hang.
 */
@Tag("slow")
@DisplayName("Fuzzing the API")
class FuzzTest {

  private static final int JSON_CASES = Integer.getInteger("fuzz.json", 3000);
  private static final int CSV_CASES = Integer.getInteger("fuzz.csv", 150);

  @RegisterExtension static final NodeExtension node = NodeExtension.allServices();

  /** A valid body per endpoint: the mutations start from something the server would accept. */
  private static final Map<String, JsonObject> SEEDS = new TreeMap<>();

  private static String token;

  @BeforeAll
  static void seeds() {
    token = node.newSession().getString("access_token");
    String dataset = "0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c";
    SEEDS.put(
        "/api/v1/auth/register",
        new JsonObject().put("email", "fuzz@example.com").put("password", "x").put("name", "F"));
    SEEDS.put(
        "/api/v1/auth/login",
        new JsonObject().put("email", "fuzz@example.com").put("password", "x"));
    SEEDS.put("/api/v1/auth/refresh", new JsonObject().put("refresh_token", "rt_x"));
    SEEDS.put(
        "/api/v1/auth/api-keys",
        new JsonObject().put("name", "ci").put("scopes", new JsonArray().add("read")));
    SEEDS.put(
        "/api/v1/auth/password",
        new JsonObject()
            .put("current_password", "not-the-password")
            .put("new_password", "marble-Harbour-17-quill"));
    SEEDS.put("/api/v1/datasets/upload", new JsonObject().put("name", "a.csv"));
    SEEDS.put(
        "/api/v1/jobs",
        new JsonObject()
            .put("type", "noop")
            .put("priority", "batch")
            .put("payload", new JsonObject().put("k", 1)));
    SEEDS.put(
        "/api/v1/validations/create",
        new JsonObject()
            .put("dataset_id", dataset)
            .put("reference_dataset_id", dataset)
            .put("options", new JsonObject().put("priority", "batch")));
    SEEDS.put(
        "/api/v1/pipelines/validation",
        new JsonObject().put("input", new JsonObject().put("dataset_id", dataset)));
    SEEDS.put(
        "/api/v1/warranties/request",
        new JsonObject().put("validation_id", dataset).put("tier", "basic"));
    SEEDS.put(
        "/api/v1/warranties/verify",
        new JsonObject()
            .put(
                "envelope",
                new JsonObject().put("payload", "e30").put("signatures", new JsonArray())));
  }

  @Test
  @DisplayName("mutated JSON bodies on every JSON endpoint: no 5xx")
  void jsonBodies() {
    Random random = new Random(20261127L);
    List<String> serverErrors = new ArrayList<>();
    List<String> endpoints = List.copyOf(SEEDS.keySet());
    for (int i = 0; i < JSON_CASES; i++) {
      String endpoint = endpoints.get(random.nextInt(endpoints.size()));
      byte[] body = mutate(SEEDS.get(endpoint), random);
      Response answer =
          HttpProbe.send(
              "POST",
              node.url(endpoint),
              body,
              "Authorization",
              "Bearer " + token,
              "Content-Type",
              "application/json");
      if (answer.status() >= 500) {
        serverErrors.add(
            answer.status()
                + " "
                + endpoint
                + " "
                + new String(body, StandardCharsets.UTF_8)
                + " -> "
                + answer.body());
      }
    }
    assertThat(serverErrors).as("answers of 5xx").isEmpty();
    assertThat(HttpProbe.get(node.url("/health/ready")).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("malformed CSV uploads: no 5xx, and every dataset ends ready or failed")
  void csvUploads() {
    Random random = new Random(42L);
    List<String> datasets = new ArrayList<>();
    List<String> serverErrors = new ArrayList<>();
    for (int i = 0; i < CSV_CASES; i++) {
      byte[] csv = malformedCsv(random);
      Response created =
          HttpProbe.send(
              "POST",
              node.url("/api/v1/datasets?name=fuzz-" + i + ".csv"),
              csv,
              "Authorization",
              "Bearer " + token,
              "Content-Type",
              "text/csv");
      if (created.status() >= 500) {
        serverErrors.add(created.status() + " case " + i + " -> " + created.body());
      } else if (created.status() == 202) {
        datasets.add(created.json().getString("id"));
      }
    }
    assertThat(serverErrors).as("answers of 5xx").isEmpty();
    assertThat(datasets).as("uploads accepted for ingest").isNotEmpty();
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> unfinished(datasets).isEmpty());
    } catch (ConditionTimeoutException e) {
      assertThat(unfinished(datasets)).as("datasets that never ended").isEmpty();
    }
  }

  /** The datasets neither ready nor failed, with what the API says of them. */
  private static Map<String, String> unfinished(List<String> datasets) {
    Map<String, String> stuck = new TreeMap<>();
    for (String dataset : datasets) {
      JsonObject found =
          HttpProbe.get(node.url("/api/v1/datasets/" + dataset), "Authorization", "Bearer " + token)
              .json();
      String status = found.getString("status");
      if (!"ready".equals(status) && !"failed".equals(status)) {
        JsonObject job =
            HttpProbe.get(
                    node.url("/api/v1/jobs/" + found.getString("ingest_job_id")),
                    "Authorization",
                    "Bearer " + token)
                .json();
        stuck.put(
            found.getString("name"),
            status
                + "; ingest "
                + job.getString("state")
                + " attempts "
                + job.getInteger("attempts")
                + " "
                + job.getString("waiting_reason")
                + " "
                + job.getString("error"));
      }
    }
    return stuck;
  }

  /** One of a dozen kinds of damage to a valid body. */
  static byte[] mutate(JsonObject seed, Random random) {
    String text = seed.encode();
    return switch (random.nextInt(12)) {
      case 0 -> text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
      case 1 -> randomBytes(random, 1 + random.nextInt(200));
      case 2 -> withField(seed, random, randomValue(random)).getBytes(StandardCharsets.UTF_8);
      case 3 -> nested(random.nextBoolean() ? "[" : "{\"a\":", 2_000 + random.nextInt(20_000));
      case 4 -> ("[" + text + "," + text + "]").getBytes(StandardCharsets.UTF_8);
      case 5 ->
          text.replace("\"", random.nextBoolean() ? "'" : "").getBytes(StandardCharsets.UTF_8);
      case 6 -> flip(text.getBytes(StandardCharsets.UTF_8), random);
      case 7 ->
          ("{\"x\":" + "9".repeat(1 + random.nextInt(5_000)) + "}")
              .getBytes(StandardCharsets.UTF_8);
      case 8 -> text.replace("}", ",}").getBytes(StandardCharsets.UTF_8);
      case 9 -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
      case 10 -> new byte[0];
      default -> replaceValues(seed, random).getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String withField(JsonObject seed, Random random, Object value) {
    List<String> names = List.copyOf(seed.fieldNames());
    return seed.copy().put(names.get(random.nextInt(names.size())), value).encode();
  }

  private static String replaceValues(JsonObject seed, Random random) {
    JsonObject copy = seed.copy();
    for (String name : seed.fieldNames()) {
      if (random.nextBoolean()) {
        copy.put(name, randomValue(random));
      }
    }
    return copy.encode();
  }

  private static Object randomValue(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> null;
      case 1 -> random.nextLong();
      case 2 -> Double.MAX_VALUE * (random.nextBoolean() ? 1 : -1);
      case 3 -> "x".repeat(random.nextInt(70_000));
      case 4 -> new JsonArray().add(1).add("two").addNull();
      case 5 -> new JsonObject().put("$ne", "").put("__proto__", new JsonObject());
      case 6 -> "' OR '1'='1'; --";
      case 7 -> "\u0000\uD83D\uDE00\u202E";
      default -> random.nextBoolean();
    };
  }

  private static byte[] nested(String open, int depth) {
    return open.repeat(depth).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] flip(byte[] bytes, Random random) {
    byte[] copy = bytes.clone();
    for (int i = 0; i < 1 + random.nextInt(4); i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Header and rows damaged in one of several ways a broken exporter produces. */
  static byte[] malformedCsv(Random random) {
    int columns = 1 + random.nextInt(6);
    int rows = random.nextInt(40);
    StringBuilder csv = new StringBuilder();
    for (int c = 0; c < columns; c++) {
      csv.append(c == 0 ? "" : ",").append(random.nextInt(10) == 0 ? "" : "col" + c);
    }
    csv.append(random.nextBoolean() ? "\n" : "\r\n");
    for (int r = 0; r < rows; r++) {
      int cells = random.nextInt(8) == 0 ? random.nextInt(columns + 3) : columns;
      for (int c = 0; c < cells; c++) {
        csv.append(c == 0 ? "" : ",").append(cell(random));
      }
      csv.append('\n');
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
    switch (random.nextInt(6)) {
      case 0 -> out.writeBytes(randomBytes(random, random.nextInt(2_000)));
      case 1 -> {
        out.writeBytes(text);
        out.writeBytes(randomBytes(random, random.nextInt(100)));
      }
      case 2 -> out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_16));
      default -> out.writeBytes(text);
    }
    return out.toByteArray();
  }

  private static String cell(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> "\"unclosed";
      case 1 -> "\"a\"\"b\"";
      case 2 -> "";
      case 3 -> "NaN";
      case 4 -> String.valueOf(random.nextGaussian() * 1e300);
      case 5 -> "x".repeat(random.nextInt(5_000));
      case 6 -> "\u0000";
      case 7 -> "1e999";
      default -> String.valueOf(random.nextInt(1000));
    };
  }
}
