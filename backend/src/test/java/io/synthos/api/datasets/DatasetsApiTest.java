package io.synthos.api.datasets;

import static io.synthos.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.launcher.Role;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestInfra;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Datasets end to end on a real node: the API, auth, the orchestrator that runs ingest jobs, the
 * resource tracker, and the data service that stores and profiles the bytes.
 */
@Tag("integration")
@DisplayName("Datasets through the API")
@Tag("slow")
class DatasetsApiTest {

  private static final int MAX_UPLOAD_MB = 1;

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          Map.of(
              "SYNTHOS_MAX_UPLOAD_MB", String.valueOf(MAX_UPLOAD_MB),
              "SYNTHOS_MAX_COLUMNS", "50",
              "SYNTHOS_MAX_LINE_CHARS", "4096",
              "POOL_DATA_CAPACITY", "4000:8192:0",
              "POOL_VALIDATION_CAPACITY", "4000:4096:0",
              "POOL_COLLAPSE_CAPACITY", "4000:4096:0"),
          EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES, Role.DATA));

  private static final String PEOPLE =
      "id,age,height,city,joined\r\n"
          + "001,34,1.82,\"Paris, FR\",2024-01-05\r\n"
          + "002,29,1.65,Berlin,2024-02-11\r\n"
          + "003,41,,\"Lyon\",2024-03-20\r\n"
          + "004,,1.77,Berlin,2024-04-02\r\n";

  // --- the resumable flow ---------------------------------------------------------------------

  @Test
  @DisplayName("initiate, upload in two parts with a resume, complete, and read the profile")
  void resumableUpload() throws Exception {
    String token = node.newAccessToken();
    byte[] bytes = PEOPLE.getBytes(StandardCharsets.UTF_8);
    Response initiated =
        post(
            token,
            "/api/v1/datasets/upload",
            new JsonObject()
                .put("name", "people.csv")
                .put("size_bytes", bytes.length)
                .put("sha256", sha256(bytes)));
    assertThat(initiated.status()).as(initiated.body()).isEqualTo(201);
    String id = initiated.json().getString("dataset_id");
    String url = initiated.json().getString("upload_url");
    assertThat(initiated.header("Location")).isEqualTo("/api/v1/datasets/" + id);
    assertThat(url).startsWith(node.url("/api/v1/datasets/uploads/"));

    int half = bytes.length / 2;
    Response first = put(url, Arrays.copyOfRange(bytes, 0, half), range(0, half - 1, bytes.length));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().getLong("received_bytes")).isEqualTo(half);
    assertThat(HttpProbe.get(url).json().getLong("received_bytes")).isEqualTo(half);

    Response wrongStart =
        put(
            url,
            Arrays.copyOfRange(bytes, 1, bytes.length),
            range(1, bytes.length - 1, bytes.length));
    assertProblem(wrongStart, 409, "/problems/upload-offset-mismatch");
    assertThat(wrongStart.header("Upload-Offset")).isEqualTo(String.valueOf(half));

    Response rest =
        put(
            url,
            Arrays.copyOfRange(bytes, half, bytes.length),
            range(half, bytes.length - 1, bytes.length));
    assertThat(rest.json().getLong("received_bytes")).isEqualTo(bytes.length);

    Response completed = post(token, "/api/v1/datasets/" + id + "/complete", null);
    assertThat(completed.status()).as(completed.body()).isEqualTo(202);
    assertThat(completed.json().getString("status")).isEqualTo("processing");

    JsonObject ready = awaitStatus(token, id, "ready");
    assertThat(ready.getLong("rows")).isEqualTo(4);
    assertThat(ready.getInteger("columns")).isEqualTo(5);
    assertThat(ready.getString("sha256")).isEqualTo(sha256(bytes));
    assertThat(ready.getLong("size_bytes")).isEqualTo(bytes.length);
    // Leading zeros make "001" an identifier, not a number.
    assertThat(types(ready))
        .containsEntry("id", "categorical")
        .containsEntry("age", "integer")
        .containsEntry("height", "float")
        .containsEntry("city", "categorical")
        .containsEntry("joined", "datetime");
    assertThat(ready.getJsonObject("profile").getJsonArray("column_profiles")).hasSize(5);

    HttpResponse<byte[]> content = content(token, id);
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(bytes);
    assertThat(content.headers().firstValue("ETag")).contains("\"" + sha256(bytes) + "\"");

    assertProblem(put(url, bytes), 404, "/problems/upload-not-found");
  }

  @Test
  @DisplayName("refuses a completed upload whose bytes do not match the declared sha256")
  void checksumMismatch() {
    String token = node.newAccessToken();
    byte[] bytes = PEOPLE.getBytes(StandardCharsets.UTF_8);
    JsonObject initiated =
        post(
                token,
                "/api/v1/datasets/upload",
                new JsonObject().put("name", "people.csv").put("sha256", "0".repeat(64)))
            .json();
    put(initiated.getString("upload_url"), bytes);

    Response completed =
        post(token, "/api/v1/datasets/" + initiated.getString("dataset_id") + "/complete", null);

    assertProblem(completed, 422, "/problems/checksum-mismatch");
    assertThat(
            get(token, "/api/v1/datasets/" + initiated.getString("dataset_id"))
                .json()
                .getString("status"))
        .isEqualTo("uploading");
  }

  @Test
  @DisplayName("refuses uploads beyond the cap with 413, and keeps nothing of them")
  void sizeCaps() {
    String token = node.newAccessToken();
    long cap = MAX_UPLOAD_MB * 1024L * 1024L;
    assertProblem(
        post(
            token,
            "/api/v1/datasets/upload",
            new JsonObject().put("name", "big.csv").put("size_bytes", cap + 1)),
        413,
        "/problems/payload-too-large");

    JsonObject initiated =
        post(token, "/api/v1/datasets/upload", new JsonObject().put("name", "big.csv")).json();
    byte[] tooBig = new byte[(int) cap + 64 * 1024];
    Arrays.fill(tooBig, (byte) 'a');
    Response refused = put(initiated.getString("upload_url"), tooBig);

    assertThat(refused.status()).as(refused.body()).isIn(413, 0);
    assertThat(HttpProbe.get(initiated.getString("upload_url")).json().getLong("received_bytes"))
        .isZero();
  }

  // --- one-shot uploads -----------------------------------------------------------------------

  @Test
  @DisplayName("takes a one-shot raw TSV body and a multipart file, naming the second by its file")
  void oneShot() {
    String token = node.newAccessToken();
    byte[] tsv = "a\tb\n1\tx\n2\ty\n3\tx\n".getBytes(StandardCharsets.UTF_8);
    Response raw =
        HttpProbe.send(
            "POST",
            node.url("/api/v1/datasets?name=letters.tsv"),
            tsv,
            "Authorization",
            "Bearer " + token,
            "Content-Type",
            "text/tab-separated-values");
    assertThat(raw.status()).as(raw.body()).isEqualTo(202);
    assertThat(raw.json().getString("format")).isEqualTo("tsv");
    JsonObject letters = awaitStatus(token, raw.json().getString("id"), "ready");
    assertThat(letters.getLong("rows")).isEqualTo(3);

    String boundary = "synthos-test-boundary";
    String form =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + PEOPLE
            + "\r\n--"
            + boundary
            + "--\r\n";
    Response multipart =
        HttpProbe.send(
            "POST",
            node.url("/api/v1/datasets"),
            form.getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Bearer " + token,
            "Content-Type",
            "multipart/form-data; boundary=" + boundary);
    assertThat(multipart.status()).as(multipart.body()).isEqualTo(202);
    assertThat(multipart.json().getString("name")).isEqualTo("people.csv");
    JsonObject people = awaitStatus(token, multipart.json().getString("id"), "ready");
    assertThat(content(token, people.getString("id")).body())
        .isEqualTo(PEOPLE.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("answers bad one-shot input with 400, 401, 409 or 415 and keeps nothing")
  void badOneShot() {
    String token = node.newAccessToken();
    byte[] bytes = PEOPLE.getBytes(StandardCharsets.UTF_8);
    assertProblem(
        HttpProbe.send(
            "POST", node.url("/api/v1/datasets"), bytes, "Authorization", "Bearer " + token),
        400,
        "/problems/validation-failed");
    assertProblem(
        HttpProbe.send(
            "POST",
            node.url("/api/v1/datasets?name=x.csv&format=parquet"),
            bytes,
            "Authorization",
            "Bearer " + token),
        400,
        "/problems/validation-failed");
    assertThat(HttpProbe.send("POST", node.url("/api/v1/datasets?name=x.csv"), bytes).status())
        .isEqualTo(401);
    assertProblem(
        HttpProbe.send(
            "POST",
            node.url("/api/v1/datasets?name=x.csv"),
            bytes,
            "Authorization",
            "Bearer " + token,
            "Content-Type",
            "multipart/mixed; boundary=b"),
        415,
        "/problems/unsupported-media-type");
    Response empty =
        HttpProbe.send(
            "POST",
            node.url("/api/v1/datasets?name=empty.csv"),
            new byte[0],
            "Authorization",
            "Bearer " + token);
    assertProblem(empty, 409, "/problems/nothing-uploaded");

    assertThat(get(token, "/api/v1/datasets").json().getJsonArray("items")).isEmpty();
  }

  // --- bad files end failed, with the reason --------------------------------------------------

  @Test
  @DisplayName("ends bad files as failed with a reason naming the problem, never stuck")
  void badFiles() {
    String token = node.newAccessToken();
    Map<String, byte[]> files =
        Map.of(
            "ragged.csv", "a,b\n1,2\n3\n".getBytes(StandardCharsets.UTF_8),
            "header-only.csv", "a,b\n".getBytes(StandardCharsets.UTF_8),
            "duplicate.csv", "a,a\n1,2\n".getBytes(StandardCharsets.UTF_8),
            "binary.csv", new byte[] {'a', ',', 'b', '\n', (byte) 0xC3, 0x28, ',', '1', '\n'},
            "wide.csv", wide(51),
            "long-line.csv",
                ("a,b\n1," + "x".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8));
    files.forEach(
        (name, bytes) -> {
          Response created = oneShot(token, name, bytes);
          assertThat(created.status()).as(name + ": " + created.body()).isEqualTo(202);
          JsonObject failed = awaitStatus(token, created.json().getString("id"), "failed");
          assertThat(failed.getString("failure_reason")).as(name).isNotBlank();
        });
    JsonObject ragged =
        get(token, "/api/v1/datasets?name=ragged").json().getJsonArray("items").getJsonObject(0);
    assertThat(ragged.getString("failure_reason")).contains("line 3");
    assertThat(failureOf(token, "wide")).contains("51 columns exceed the limit of 50");
    assertThat(failureOf(token, "long-line")).contains("line 2");
  }

  @Test
  @DisplayName("treats a name like a path as a label only")
  void pathLikeName() {
    String token = node.newAccessToken();
    Response created = oneShot(token, "../../etc/passwd", PEOPLE.getBytes(StandardCharsets.UTF_8));
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String id = created.json().getString("id");
    awaitStatus(token, id, "ready");

    assertThat(created.json().getString("name")).isEqualTo("../../etc/passwd");
    assertThat(content(token, id).headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"_.._etc_passwd\"");
    assertThat(Files.exists(node.config().dataDir().resolve("datasets").resolve(id))).isTrue();
  }

  // --- schema, list, delete, ownership --------------------------------------------------------

  @Test
  @DisplayName("re-ingests with a forced column type, and refuses an unknown column with 422")
  void schemaOverride() {
    String token = node.newAccessToken();
    String id = created(token, "people.csv");
    awaitStatus(token, id, "ready");

    assertProblem(
        patch(token, id, new JsonObject().put("nope", "text")), 422, "/problems/unknown-column");
    Response patched = patch(token, id, new JsonObject().put("age", "categorical"));
    assertThat(patched.status()).as(patched.body()).isEqualTo(202);
    assertThat(patched.json().getString("status")).isEqualTo("processing");
    assertProblem(
        patch(token, id, new JsonObject().put("age", "text")), 409, "/problems/not-ready");

    JsonObject ready = awaitStatus(token, id, "ready");
    assertThat(types(ready)).containsEntry("age", "categorical").containsEntry("height", "float");
    assertThat(ready.getJsonObject("column_types").getString("age")).isEqualTo("categorical");
  }

  @Test
  @DisplayName("lists the caller's datasets newest first, filtered and in pages")
  void list() {
    String token = node.newAccessToken();
    for (String name : List.of("alpha.csv", "beta.csv", "alphabet.csv")) {
      awaitStatus(token, created(token, name), "ready");
    }
    post(token, "/api/v1/datasets/upload", new JsonObject().put("name", "pending.csv"));

    JsonObject alpha = get(token, "/api/v1/datasets?name=ALPHA").json();
    assertThat(
            alpha.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("name")))
        .containsExactly("alphabet.csv", "alpha.csv");
    assertThat(get(token, "/api/v1/datasets?status=uploading").json().getJsonArray("items"))
        .hasSize(1);

    JsonObject page1 = get(token, "/api/v1/datasets?status=ready&limit=2").json();
    assertThat(page1.getJsonArray("items")).hasSize(2);
    JsonObject page2 =
        get(token, "/api/v1/datasets?status=ready&limit=2&cursor=" + page1.getString("next_cursor"))
            .json();
    assertThat(page2.getJsonArray("items")).hasSize(1);
    assertThat(page2.getString("next_cursor")).isNull();
    assertThat(page2.getJsonArray("items").getJsonObject(0).getString("name"))
        .isEqualTo("alpha.csv");
  }

  @Test
  @DisplayName("deletes a dataset with its bytes, and refuses while a pipeline uses it")
  void delete() {
    String token = node.newAccessToken();
    String kept = created(token, "kept.csv");
    String gone = created(token, "gone.csv");
    awaitStatus(token, kept, "ready");
    awaitStatus(token, gone, "ready");

    // No validation service runs here, so the pipeline keeps running and keeps using the dataset.
    Response pipeline =
        post(
            token,
            "/api/v1/pipelines/validation",
            new JsonObject().put("input", new JsonObject().put("dataset_id", kept)));
    assertThat(pipeline.status()).as(pipeline.body()).isEqualTo(202);
    assertProblem(delete(token, kept), 409, "/problems/dataset-in-use");

    assertThat(delete(token, gone).status()).isEqualTo(204);
    assertThat(get(token, "/api/v1/datasets/" + gone).status()).isEqualTo(404);
    assertThat(delete(token, gone).status()).isEqualTo(404);
    assertThat(Files.exists(node.config().dataDir().resolve("datasets").resolve(gone))).isFalse();
    assertThat(Files.exists(node.config().dataDir().resolve("datasets").resolve(kept))).isTrue();
  }

  @Test
  @DisplayName(
      "refuses new column types while a validation reads the dataset, and takes them after")
  void schemaInUse() {
    String token = node.newAccessToken();
    String id = created(token, "read.csv");
    awaitStatus(token, id, "ready");
    JsonObject before = get(token, "/api/v1/datasets/" + id).json();

    // No validation service runs here, so the pipeline keeps running and keeps reading the dataset.
    Response pipeline =
        post(
            token,
            "/api/v1/pipelines/validation",
            new JsonObject().put("input", new JsonObject().put("dataset_id", id)));
    assertThat(pipeline.status()).as(pipeline.body()).isEqualTo(202);

    JsonObject problem =
        assertProblem(
            patch(token, id, new JsonObject().put("age", "categorical")),
            409,
            "/problems/dataset-in-use");
    assertThat(problem.getString("detail")).contains(pipeline.json().getString("id"));
    JsonObject after = get(token, "/api/v1/datasets/" + id).json();
    assertThat(after.getString("status")).isEqualTo("ready");
    assertThat(after.getJsonObject("column_types")).isEqualTo(before.getJsonObject("column_types"));
    assertThat(after.getString("updated_at")).isEqualTo(before.getString("updated_at"));

    post(token, "/api/v1/pipelines/" + pipeline.json().getString("id") + "/cancel", null);
    Response patched = patch(token, id, new JsonObject().put("age", "categorical"));
    assertThat(patched.status()).as(patched.body()).isEqualTo(202);
  }

  @Test
  @DisplayName("shows a dataset to its owner only: anyone else gets 404 on every route")
  void ownership() {
    String owner = node.newAccessToken();
    String stranger = node.newAccessToken();
    String id = created(owner, "mine.csv");
    awaitStatus(owner, id, "ready");

    assertThat(get(stranger, "/api/v1/datasets/" + id).status()).isEqualTo(404);
    assertThat(content(stranger, id).statusCode()).isEqualTo(404);
    assertThat(post(stranger, "/api/v1/datasets/" + id + "/complete", null).status())
        .isEqualTo(404);
    assertThat(patch(stranger, id, new JsonObject().put("age", "text")).status()).isEqualTo(404);
    assertThat(delete(stranger, id).status()).isEqualTo(404);
    assertThat(get(stranger, "/api/v1/datasets").json().getJsonArray("items")).isEmpty();
    assertThat(get(owner, "/api/v1/datasets/" + id).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("keeps two users' concurrent uploads apart")
  void concurrentUploads() throws Exception {
    String alice = node.newAccessToken();
    String bob = node.newAccessToken();
    byte[] aliceBytes = generated(7, 3000);
    byte[] bobBytes = generated(11, 4000);
    JsonObject aliceUpload =
        post(alice, "/api/v1/datasets/upload", new JsonObject().put("name", "a.csv")).json();
    JsonObject bobUpload =
        post(bob, "/api/v1/datasets/upload", new JsonObject().put("name", "b.csv")).json();

    CompletableFuture<Response> a =
        HttpProbe.sendAsync("PUT", aliceUpload.getString("upload_url"), aliceBytes);
    CompletableFuture<Response> b =
        HttpProbe.sendAsync("PUT", bobUpload.getString("upload_url"), bobBytes);
    assertThat(a.get().status()).as(a.get().body()).isEqualTo(200);
    assertThat(b.get().status()).as(b.get().body()).isEqualTo(200);
    post(alice, "/api/v1/datasets/" + aliceUpload.getString("dataset_id") + "/complete", null);
    post(bob, "/api/v1/datasets/" + bobUpload.getString("dataset_id") + "/complete", null);

    assertThat(awaitStatus(alice, aliceUpload.getString("dataset_id"), "ready").getLong("rows"))
        .isEqualTo(3000);
    assertThat(awaitStatus(bob, bobUpload.getString("dataset_id"), "ready").getLong("rows"))
        .isEqualTo(4000);
    assertThat(content(alice, aliceUpload.getString("dataset_id")).body()).isEqualTo(aliceBytes);
    assertThat(content(bob, bobUpload.getString("dataset_id")).body()).isEqualTo(bobBytes);
  }

  @Test
  @DisplayName("closes an expired upload URL, then fails the dataset and drops its bytes")
  void expiredUpload() {
    String token = node.newAccessToken();
    JsonObject initiated =
        post(token, "/api/v1/datasets/upload", new JsonObject().put("name", "late.csv")).json();
    String id = initiated.getString("dataset_id");
    String url = initiated.getString("upload_url");
    assertThat(put(url, "a,b\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

    TestInfra.execute(
        node.config().database().url(),
        "UPDATE datasets SET upload_expires_at = now() - interval '1 second' WHERE id = '"
            + id
            + "'");

    assertProblem(
        put(url, PEOPLE.getBytes(StandardCharsets.UTF_8)), 404, "/problems/upload-not-found");
    JsonObject failed = awaitStatus(token, id, "failed");
    assertThat(failed.getString("failure_reason")).contains("expired");
    // The janitor records the failure first, then asks the data service to drop the bytes.
    Path staged =
        node.config().dataDir().resolve("datasets").resolve(".staging").resolve(id + ".part");
    await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(staged));
  }

  @Test
  @DisplayName("answers a malformed Content-Range with 400 and an unknown upload URL with 404")
  void badUploadRequests() {
    String token = node.newAccessToken();
    String url =
        post(token, "/api/v1/datasets/upload", new JsonObject().put("name", "x.csv"))
            .json()
            .getString("upload_url");
    assertProblem(put(url, new byte[] {'a'}, "bytes=0-0/1"), 400, "/problems/validation-failed");
    assertProblem(
        put(url, new byte[] {'a', 'b'}, "bytes 0-0/2"), 400, "/problems/validation-failed");
    assertProblem(
        put(node.url("/api/v1/datasets/uploads/" + "A".repeat(43)), new byte[] {'a'}),
        404,
        "/problems/upload-not-found");
  }

  // --- helpers --------------------------------------------------------------------------------

  private static String failureOf(String token, String name) {
    return get(token, "/api/v1/datasets?name=" + name)
        .json()
        .getJsonArray("items")
        .getJsonObject(0)
        .getString("failure_reason");
  }

  /** A CSV header of {@code columns} columns and one row. */
  private static byte[] wide(int columns) {
    StringBuilder header = new StringBuilder();
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < columns; i++) {
      header.append(i == 0 ? "" : ",").append("c").append(i);
      row.append(i == 0 ? "" : ",").append(i);
    }
    return (header + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject awaitStatus(String token, String id, String status) {
    JsonObject[] last = new JsonObject[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              last[0] = get(token, "/api/v1/datasets/" + id).json();
              assertThat(last[0].getString("status")).as(last[0].encode()).isEqualTo(status);
            });
    return last[0];
  }

  private static Map<String, String> types(JsonObject dataset) {
    return dataset.getJsonArray("schema").stream()
        .map(JsonObject.class::cast)
        .collect(
            java.util.stream.Collectors.toMap(
                column -> column.getString("name"), column -> column.getString("type")));
  }

  /** Uploads {@link #PEOPLE} in one request; answers the new dataset's id. */
  private static String created(String token, String name) {
    Response created = oneShot(token, name, PEOPLE.getBytes(StandardCharsets.UTF_8));
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    return created.json().getString("id");
  }

  private static Response oneShot(String token, String name, byte[] bytes) {
    return HttpProbe.send(
        "POST",
        node.url(
            "/api/v1/datasets?name="
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&format=csv"),
        bytes,
        "Authorization",
        "Bearer " + token,
        "Content-Type",
        "text/csv");
  }

  private static Response post(String token, String path, JsonObject body) {
    return body == null
        ? HttpProbe.post(node.url(path), "", "Authorization", "Bearer " + token)
        : HttpProbe.postJson(node.url(path), body, "Authorization", "Bearer " + token);
  }

  private static Response get(String token, String path) {
    return HttpProbe.get(node.url(path), "Authorization", "Bearer " + token);
  }

  private static Response delete(String token, String id) {
    return HttpProbe.delete(node.url("/api/v1/datasets/" + id), "Authorization", "Bearer " + token);
  }

  private static Response patch(String token, String id, JsonObject columnTypes) {
    return HttpProbe.send(
        "PATCH",
        node.url("/api/v1/datasets/" + id + "/schema"),
        new JsonObject().put("column_types", columnTypes).encode().getBytes(StandardCharsets.UTF_8),
        "Authorization",
        "Bearer " + token,
        "Content-Type",
        "application/json");
  }

  private static HttpResponse<byte[]> content(String token, String id) {
    return HttpProbe.getBytes(
        node.url("/api/v1/datasets/" + id + "/content"), "Authorization", "Bearer " + token);
  }

  private static Response put(String url, byte[] bytes, String... contentRange) {
    return contentRange.length == 0
        ? HttpProbe.send("PUT", url, bytes, "Content-Type", "application/octet-stream")
        : HttpProbe.send(
            "PUT",
            url,
            bytes,
            "Content-Type",
            "application/octet-stream",
            "Content-Range",
            contentRange[0]);
  }

  private static String range(long start, long end, long total) {
    return "bytes " + start + "-" + end + "/" + total;
  }

  private static String sha256(byte[] bytes) throws RuntimeException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CSV of {@code rows} seeded rows, so two users' files differ. */
  private static byte[] generated(long seed, int rows) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("x,y,label\n");
    for (int i = 0; i < rows; i++) {
      csv.append(random.nextInt(1000))
          .append(',')
          .append(random.nextGaussian())
          .append(',')
          .append(random.nextBoolean() ? "cat" : "dog")
          .append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }
}
