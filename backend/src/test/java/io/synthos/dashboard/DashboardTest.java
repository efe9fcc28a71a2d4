package io.synthos.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.launcher.Role;
import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.platform.NodeHeartbeat;
import io.synthos.platform.NodeInfo;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin dashboard on a node with the API, auth, orchestrator, resource tracker and dashboard:
 * who may see it, what its first paint shows, and its live event stream.
 */
@Tag("integration")
@DisplayName("The admin dashboard")
@Tag("slow")
class DashboardTest {

  private static final String ADMIN = "admin@example.com";
  private static final String ADMIN_PASSWORD = "bootstrap-Admin-pass-77";
  private static final String CSRF = SessionSecurity.CSRF_FIELD;

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          Map.of(
              "ADMIN_USER", ADMIN,
              "ADMIN_PASSWORD", ADMIN_PASSWORD,
              "POOL_DATA_CAPACITY", "2000:2048:0",
              "POOL_VALIDATION_CAPACITY", "4000:4096:0",
              "POOL_COLLAPSE_CAPACITY", "2000:2048:0"),
          EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES, Role.DASHBOARD));

  private static String dashboard;

  @BeforeAll
  static void adminReady() {
    dashboard = "http://127.0.0.1:" + node.config().admin().port();
    // The admin account is bootstrapped in the background once the schema is migrated. Waiting
    // by logging in would count failures against the account and lock it: read the table instead.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(DashboardTest::adminBootstrapped);
  }

  private static boolean adminBootstrapped() {
    return TestInfra.isAdmin(node.config().database().url(), ADMIN);
  }

  @Test
  @DisplayName("sends an anonymous visitor to the login page")
  void anonymousRedirected() throws Exception {
    Browser browser = new Browser(dashboard);

    HttpResponse<String> page = browser.get("/");

    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).contains("/login");
    HttpResponse<String> login = browser.get("/login");
    assertThat(login.statusCode()).isEqualTo(200);
    Document form = Jsoup.parse(login.body());
    assertThat(form.select("form[action=/login] input[name=" + CSRF + "]").attr("value"))
        .isNotBlank();
    assertThat(form.select("input[name=email]")).hasSize(1);
    assertThat(form.select("input[name=password][type=password]")).hasSize(1);
  }

  @Test
  @DisplayName(
      "sets its session cookie HttpOnly and SameSite=Strict, and not Secure over plain HTTP")
  void sessionCookie() throws Exception {
    HttpResponse<String> login = new Browser(dashboard).get("/login");

    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(SessionSecurity.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    assertThat(cookie).doesNotContainIgnoringCase("Secure;").doesNotEndWith("Secure");
  }

  @Test
  @DisplayName("answers a non-admin's login with 403 and a page that says why")
  void nonAdminForbidden() throws Exception {
    String email = node.newSession().getString("email");
    Browser browser = new Browser(dashboard);

    HttpResponse<String> answer = login(browser, email, TestNode.PASSWORD);

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(Jsoup.parse(answer.body()).select("#reason").text())
        .contains("not an administrator");
    assertThat(browser.get("/").statusCode()).as("no session was opened").isEqualTo(302);
  }

  @Test
  @DisplayName("shows the login form again with an error after wrong credentials")
  void wrongPassword() throws Exception {
    Browser browser = new Browser(dashboard);

    HttpResponse<String> answer = login(browser, ADMIN, "not-the-password-at-all");

    assertThat(answer.statusCode()).isEqualTo(401);
    Document page = Jsoup.parse(answer.body());
    assertThat(page.select("#login-error").text()).isEqualTo("Wrong email or password.");
    assertThat(page.select("input[name=email]").attr("value")).isEqualTo(ADMIN);
    assertThat(page.select("input[name=" + CSRF + "]").attr("value")).isNotBlank();
  }

  @Test
  @DisplayName("refuses a POST without its CSRF token with 403")
  void csrfRequired() throws Exception {
    Browser browser = signedIn();

    HttpResponse<String> logout = browser.post("/logout");
    HttpResponse<String> requeue =
        browser.post("/jobs/00000000-0000-0000-0000-000000000000/requeue");
    HttpResponse<String> login =
        new Browser(dashboard).post("/login", "email", ADMIN, "password", ADMIN_PASSWORD);

    assertThat(logout.statusCode()).isEqualTo(403);
    assertThat(requeue.statusCode()).isEqualTo(403);
    assertThat(login.statusCode()).isEqualTo(403);
    assertThat(browser.get("/").statusCode()).as("still signed in").isEqualTo(200);
  }

  @Test
  @DisplayName("renders the pools, the queue and the latest jobs for an admin")
  void pageForAdmin() throws Exception {
    String token = node.newAccessToken();
    String job = submitNoop(token);
    Browser browser = signedIn();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Jsoup.parse(browser.get("/").body()).select("tr[data-pool]").size() == 3);
    HttpResponse<String> page = browser.get("/");
    // The first paint, kept for a look (the browser test will screenshot the live page).
    Files.writeString(Path.of("target", "dashboard-first-paint.html"), page.body());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("script-src 'self'");
    Document html = Jsoup.parse(page.body());
    assertThat(html.select("tr[data-pool]").eachAttr("data-pool"))
        .containsExactly("collapse", "data", "validation");
    assertThat(html.select("tr[data-pool=validation] [data-field=capacity]").text())
        .isEqualTo("4.0");
    assertThat(html.select("tr[data-pool=validation] [data-field=limit]").text()).isEqualTo("3.2");
    assertThat(html.select("tr[data-job-id=" + job + "]")).hasSize(1);
    assertThat(html.select("#queue-counts tr[data-state]").eachAttr("data-state"))
        .containsExactly("queued", "running", "dead");
    assertThat(html.select("#node-roles").text()).contains("dashboard").contains("api");
    assertThat(html.select("script[src=/static/dashboard/dashboard.js]")).hasSize(1);
    assertThat(html.select("form[action=/logout] input[name=" + CSRF + "]").attr("value"))
        .isNotBlank();
    assertThat(browser.get("/static/dashboard/dashboard.js").body()).contains("EventSource");
  }

  @Test
  @DisplayName("signs out on a POST with the token, after which the page needs a login again")
  void logout() throws Exception {
    Browser browser = signedIn();
    String token = csrfOf(browser.get("/"));

    HttpResponse<String> out = browser.post("/logout", CSRF, token);

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(browser.get("/").statusCode()).isEqualTo(302);
  }

  @Test
  @DisplayName("refuses the event stream to an anonymous client with 401")
  void eventsNeedAdmin() throws Exception {
    HttpResponse<String> answer = new Browser(dashboard).get("/events");

    assertThat(answer.statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("streams a job event, with increasing ids, when a job is submitted through the API")
  void streamsJobEvents() throws Exception {
    Browser browser = signedIn();
    HttpResponse<java.util.stream.Stream<String>> response =
        browser.stream("/events").get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");

    try (SseLines stream = new SseLines(response.body())) {
      String job = submitNoop(node.newAccessToken());

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  stream.events().stream()
                      .anyMatch(
                          e ->
                              e.name().equals("job")
                                  && job.equals(e.data().getString("job_id"))
                                  && "succeeded".equals(e.data().getString("state"))));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> stream.events().stream().anyMatch(e -> e.name().equals("resources")));
      List<SseLines.Event> events = stream.events();
      assertThat(events).extracting(SseLines.Event::id).isSorted().doesNotHaveDuplicates();
      assertThat(events)
          .extracting(SseLines.Event::name)
          .isSubsetOf("job", "pipeline", "progress", "resources", "nodes", "queue");
      SseLines.Event resources =
          events.stream().filter(e -> e.name().equals("resources")).findFirst().orElseThrow();
      assertThat(resources.data().getJsonArray("pools")).hasSize(3);
    }
  }

  @Test
  @DisplayName("sends resync first to a client that reconnects with Last-Event-ID")
  void resyncAfterReconnect() throws Exception {
    Browser browser = signedIn();
    HttpResponse<java.util.stream.Stream<String>> response =
        browser.stream("/events", "Last-Event-ID", "41")
            .get(30, java.util.concurrent.TimeUnit.SECONDS);

    try (SseLines stream = new SseLines(response.body())) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
      SseLines.Event first = stream.events().get(0);
      assertThat(first.name()).isEqualTo("resync");
      assertThat(first.data().getString("reason")).isEqualTo("reconnected");
      assertThat(first.data().getString("reload")).isEqualTo("/");
    }
  }

  @Test
  @DisplayName("answers a re-queue of a job that is not dead with a notice, not an error page")
  void requeueNotDead() throws Exception {
    String job = submitNoop(node.newAccessToken());
    Browser browser = signedIn();
    String token = csrfOf(browser.get("/"));

    HttpResponse<String> answer = browser.post("/jobs/" + job + "/requeue", CSRF, token);

    assertThat(answer.statusCode()).isEqualTo(303);
    String location = answer.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/?notice=");
    Document page = Jsoup.parse(browser.get(location).body());
    assertThat(page.select("#notice").text()).contains(job).contains("not re-queued");
  }

  @Test
  @DisplayName("drops a client that stops reading, while another receives every event on time")
  void slowClientDropped() throws Exception {
    Browser browser = signedIn();
    HttpResponse<java.util.stream.Stream<String>> response =
        browser.stream("/events").get(30, java.util.concurrent.TimeUnit.SECONDS);
    try (Socket stalled = new Socket("127.0.0.1", node.config().admin().port());
        SseLines fast = new SseLines(response.body())) {
      // A client that asks for the stream and then never reads a byte.
      stalled
          .getOutputStream()
          .write(
              ("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                      + browser.cookieHeader()
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      stalled.getOutputStream().flush();
      String padding = "x".repeat(64 * 1024);
      String run = java.util.UUID.randomUUID().toString();
      int events = 600; // about 40 MB: far more than the stalled socket's buffers hold
      for (int i = 0; i < events; i++) {
        node.vertx()
            .eventBus()
            .publish(
                OrchestratorAddresses.JOB_EVENTS,
                new JsonObject()
                    .put("kind", "progress")
                    .put("job_id", run)
                    .put("fraction", i / (double) events)
                    .put("step", padding));
        int expected = i + 1;
        // Paced by the fast client: each event is taken before the next is sent.
        await()
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(2))
            .atMost(Duration.ofSeconds(10))
            .until(() -> count(fast, run) == expected);
      }

      assertThat(count(fast, run)).isEqualTo(events);
      // The stalled client was dropped: its connection ends once it drains what was sent.
      stalled.setSoTimeout(10_000);
      assertThat(readToEnd(stalled)).isTrue();
    }
  }

  @Test
  @DisplayName(
      "lists every node that beats, and shows one that stops as stopped, a silent one as lost")
  void clusterView() throws Exception {
    Browser browser = signedIn();
    String other = "0dd0dd00-0000-4000-8000-000000000001";
    String silent = "0dd0dd00-0000-4000-8000-000000000002";
    try (SseLines stream = events(browser)) {
      String deployment =
          node.vertx()
              .deployVerticle(
                  new NodeHeartbeat(
                      new NodeInfo(other, List.of("validation"), "test"),
                      Map.of("validation", 2),
                      Instant.now()))
              .await();

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> nodeState(Jsoup.parse(browser.get("/").body()), other).equals("up"));
      Document page = Jsoup.parse(browser.get("/").body());
      assertThat(page.select("tr[data-node-id=" + other + "] td").get(1).text())
          .isEqualTo("validation ×2");
      assertThat(page.select("tr[data-node-id] td:eq(1)").eachText())
          .as("this node is listed with its own roles")
          .anyMatch(roles -> roles.contains("dashboard") && roles.contains("orchestrator"));

      node.vertx().undeploy(deployment).await();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lastNodeState(stream, other).equals("stopped"));

      // A node that beats once, fast, and then falls silent as a killed process would.
      node.vertx()
          .eventBus()
          .publish(
              NodeHeartbeat.ADDRESS,
              new JsonObject()
                  .put("node_id", silent)
                  .put("state", "up")
                  .put("roles", new JsonArray().add("data"))
                  .put("interval_ms", 100));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lastNodeState(stream, silent).equals("lost"));
      assertThat(nodeState(Jsoup.parse(browser.get("/").body()), silent)).isEqualTo("lost");
    }
  }

  @Test
  @DisplayName("shows queue counts by priority and a failing job's reason, live and on the page")
  void queueAndFailures() throws Exception {
    Browser browser = signedIn();
    try (SseLines stream = events(browser)) {
      // No validation service runs on this node and the payload names no dataset: the job fails.
      String token = node.newAccessToken();
      JsonObject request =
          new JsonObject()
              .put("type", "validation.validate")
              .put("priority", "batch")
              .put(
                  "payload",
                  new JsonObject().put("dataset_id", TestDatasets.recorded(node, token)));
      // Until the resource tracker has written the pools' capacities, a submission gets 503.
      HttpProbe.Response submitted =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      HttpProbe.postJson(
                          node.url("/api/v1/jobs"), request, "Authorization", "Bearer " + token),
                  answer -> answer.status() != 503);
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
      String job = submitted.json().getString("id");

      await().atMost(Duration.ofSeconds(30)).until(() -> failureOf(stream, job) != null);
      JsonObject failure = failureOf(stream, job);
      assertThat(failure.getString("error")).isNotBlank();
      assertThat(failure.getString("type")).isEqualTo("validation.validate");
      assertThat(failure.getString("priority")).isEqualTo("batch");
      JsonObject queue = lastEvent(stream, "queue");
      assertThat(queue.getJsonObject("counts").fieldNames())
          .containsExactlyInAnyOrder("queued", "running", "dead");
      assertThat(queue.getJsonObject("counts").getJsonObject("queued").fieldNames())
          .containsExactlyInAnyOrder("express", "standard", "batch");

      Document page = Jsoup.parse(browser.get("/").body());
      assertThat(page.select("tr[data-failure-job-id=" + job + "] .error").text())
          .isEqualTo(failure.getString("error"));
    }
  }

  @Test
  @DisplayName("filters the jobs table by state and type, and says why it ignores a bad filter")
  void jobFilter() throws Exception {
    String job = submitNoop(node.newAccessToken());
    Browser browser = signedIn();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !Jsoup.parse(browser.get("/?state=succeeded&type=noop").body())
                    .select("tr[data-job-id=" + job + "]")
                    .isEmpty());

    assertThat(
            Jsoup.parse(browser.get("/?state=queued").body()).select("tr[data-job-id=" + job + "]"))
        .isEmpty();
    assertThat(
            Jsoup.parse(browser.get("/?type=data.check").body())
                .select("tr[data-job-id=" + job + "]"))
        .isEmpty();
    Document bad = Jsoup.parse(browser.get("/?state=sleeping").body());
    assertThat(bad.select(".notice.error").text()).contains("state 'sleeping' is not one of");
    assertThat(bad.select("tr[data-job-id=" + job + "]"))
        .as("the bad filter is dropped")
        .hasSize(1);
  }

  @Test
  @DisplayName("ends the session of an admin who has been demoted since signing in")
  void demotedAdmin() throws Exception {
    JsonObject account = node.newSession();
    String email = account.getString("email");
    TestInfra.execute(
        node.config().database().url(),
        "UPDATE users SET role = 'admin' WHERE email = '" + email + "'");
    Browser browser = new Browser(dashboard);
    assertThat(login(browser, email, TestNode.PASSWORD).statusCode()).isEqualTo(303);
    assertThat(browser.get("/").statusCode()).isEqualTo(200);

    TestInfra.execute(
        node.config().database().url(),
        "UPDATE users SET role = 'user' WHERE email = '" + email + "'");

    HttpResponse<String> page = browser.get("/");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).contains("/login");
    assertThat(
            browser.stream("/events").get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode())
        .isEqualTo(401);
  }

  /** The admin's event stream, opened and read in the background. */
  private static SseLines events(Browser browser) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> response =
        browser.stream("/events").get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    return new SseLines(response.body());
  }

  private static String nodeState(Document page, String nodeId) {
    return page.select("tr[data-node-id=" + nodeId + "] [data-field=state]").text();
  }

  private static String lastNodeState(SseLines stream, String nodeId) {
    String state = "";
    for (SseLines.Event event : stream.events()) {
      if (event.name().equals("nodes")) {
        for (Object entry : event.data().getJsonArray("nodes")) {
          JsonObject n = (JsonObject) entry;
          if (nodeId.equals(n.getString("node_id"))) {
            state = n.getString("state");
          }
        }
      }
    }
    return state;
  }

  private static JsonObject lastEvent(SseLines stream, String name) {
    JsonObject last = null;
    for (SseLines.Event event : stream.events()) {
      if (event.name().equals(name)) {
        last = event.data();
      }
    }
    return last;
  }

  private static JsonObject failureOf(SseLines stream, String job) {
    JsonObject queue = lastEvent(stream, "queue");
    if (queue == null) {
      return null;
    }
    for (Object failure : queue.getJsonArray("recent_failures")) {
      if (job.equals(((JsonObject) failure).getString("job_id"))) {
        return (JsonObject) failure;
      }
    }
    return null;
  }

  private static long count(SseLines stream, String run) {
    return stream.events().stream()
        .filter(e -> e.name().equals("progress") && run.equals(e.data().getString("job_id")))
        .count();
  }

  /** Whether the server closed the connection (an end of stream or a reset). */
  private static boolean readToEnd(Socket socket) {
    byte[] buffer = new byte[1 << 16];
    try {
      while (socket.getInputStream().read(buffer) != -1) {
        // drain what the server had queued before it closed
      }
      return true;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (java.io.IOException reset) {
      return true;
    }
  }

  private static Browser signedIn() throws Exception {
    Browser browser = new Browser(dashboard);
    HttpResponse<String> answer = login(browser, ADMIN, ADMIN_PASSWORD);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
    assertThat(answer.headers().firstValue("Location")).contains("/");
    return browser;
  }

  private static HttpResponse<String> login(Browser browser, String email, String password)
      throws Exception {
    String token = csrfOf(browser.get("/login"));
    return browser.post("/login", CSRF, token, "email", email, "password", password);
  }

  private static String csrfOf(HttpResponse<String> page) {
    String token = Jsoup.parse(page.body()).select("input[name=" + CSRF + "]").attr("value");
    assertThat(token).as("the page's CSRF token").isNotBlank();
    return token;
  }

  private static String submitNoop(String token) {
    HttpProbe.Response submitted =
        HttpProbe.postJson(
            node.url("/api/v1/jobs"),
            new JsonObject()
                .put("type", "noop")
                .put("priority", "express")
                .put("payload", new JsonObject()),
            "Authorization",
            "Bearer " + token);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    return submitted.json().getString("id");
  }
}
