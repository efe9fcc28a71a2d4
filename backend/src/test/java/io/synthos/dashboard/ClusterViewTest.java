package io.synthos.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.MutableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The dashboard's cluster view")
class ClusterViewTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final ClusterView view = new ClusterView(clock);

  private static JsonObject beat(String node, String state) {
    return new JsonObject()
        .put("node_id", node)
        .put("state", state)
        .put("roles", new JsonArray().add("orchestrator"))
        .put("interval_ms", 2_000);
  }

  private String state(String node) {
    return view.toJson().getJsonArray("nodes").stream()
        .map(JsonObject.class::cast)
        .filter(n -> n.getString("node_id").equals(node))
        .map(n -> n.getString("state"))
        .findFirst()
        .orElse("absent");
  }

  @Test
  @DisplayName("keeps a beating node up and reports a change only when its state changes")
  void beating() {
    assertThat(view.heartbeat(beat("a", "up"))).isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(view.heartbeat(beat("a", "up"))).isFalse();
    clock.advance(Duration.ofSeconds(5));
    assertThat(view.sweep()).isFalse();
    assertThat(state("a")).isEqualTo("up");
  }

  @Test
  @DisplayName(
      "marks a node lost after three missed beats, since its last beat, and up again when it returns")
  void lost() {
    view.heartbeat(beat("a", "up"));
    clock.advance(Duration.ofMillis(6_000));
    assertThat(view.sweep()).as("exactly three intervals is not yet silent").isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(view.sweep()).isTrue();
    assertThat(state("a")).isEqualTo("lost");
    assertThat(view.toJson().getJsonArray("nodes").getJsonObject(0).getString("since"))
        .isEqualTo("2026-11-27T10:00:00Z");

    assertThat(view.heartbeat(beat("a", "up"))).isTrue();
    assertThat(state("a")).isEqualTo("up");
  }

  @Test
  @DisplayName("shows a node that said it is stopping as stopped, and forgets it after an hour")
  void stoppedThenForgotten() {
    view.heartbeat(beat("a", "up"));
    assertThat(view.heartbeat(beat("a", "stopping"))).isTrue();
    assertThat(state("a")).isEqualTo("stopped");
    clock.advance(ClusterView.FORGET_AFTER);
    assertThat(view.sweep()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(view.sweep()).isTrue();
    assertThat(state("a")).isEqualTo("absent");
  }

  @Test
  @DisplayName("records breaker states of known nodes only, and reports only real changes")
  void breakers() {
    JsonObject open =
        new JsonObject()
            .put("node_id", "a")
            .put("breakers", new JsonObject().put("validation", "OPEN"));
    assertThat(view.breakers(open)).as("unknown node").isFalse();

    view.heartbeat(beat("a", "up"));
    assertThat(view.breakers(open)).isTrue();
    assertThat(view.breakers(open.copy())).isFalse();
    assertThat(view.rows().get(0).breakers()).containsExactly("validation open");
    assertThat(view.rows().get(0).breakerTripped()).isTrue();
  }
}
