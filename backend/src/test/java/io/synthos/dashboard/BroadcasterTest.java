package io.synthos.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The event broadcaster")
class BroadcasterTest {

  /** A client whose buffer fills after {@code capacity} frames, until it is drained. */
  private static final class FakeSink implements EventSink {
    final List<String> frames = new ArrayList<>();
    final int capacity;
    String lastFrame;
    boolean closed;

    FakeSink(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public boolean writeQueueFull() {
      return frames.size() >= capacity;
    }

    @Override
    public void write(String frame) {
      assertThat(closed).as("written after close").isFalse();
      frames.add(frame);
    }

    @Override
    public void close(String frame) {
      lastFrame = frame;
      closed = true;
    }

    List<Long> ids() {
      List<Long> ids = new ArrayList<>();
      for (String frame : frames) {
        Matcher m = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE).matcher(frame);
        if (m.find()) {
          ids.add(Long.parseLong(m.group(1)));
        }
      }
      return ids;
    }
  }

  @Test
  @DisplayName("sends every event to every client with increasing ids and stable names")
  void fansOut() {
    Broadcaster broadcaster = new Broadcaster();
    FakeSink one = new FakeSink(Integer.MAX_VALUE);
    FakeSink two = new FakeSink(Integer.MAX_VALUE);
    broadcaster.join(one, false);
    broadcaster.join(two, false);

    broadcaster.publish("job", new JsonObject().put("job_id", "a").put("state", "queued"));
    broadcaster.publish("resources", new JsonObject().put("pools", List.of()));

    assertThat(one.frames).isEqualTo(two.frames).hasSize(2);
    assertThat(one.frames.get(0))
        .isEqualTo("id: 1\nevent: job\ndata: {\"job_id\":\"a\",\"state\":\"queued\"}\n\n");
    assertThat(one.frames.get(1)).startsWith("id: 2\nevent: resources\n");
  }

  @Test
  @DisplayName("drops a client that cannot keep up with a final resync, and keeps serving others")
  void dropsSlowClient() {
    Broadcaster broadcaster = new Broadcaster();
    FakeSink slow = new FakeSink(3);
    FakeSink fast = new FakeSink(Integer.MAX_VALUE);
    broadcaster.join(slow, false);
    broadcaster.join(fast, false);

    for (int i = 0; i < 1_000; i++) {
      broadcaster.publish("progress", new JsonObject().put("fraction", i / 1000.0));
    }

    assertThat(slow.frames).hasSize(3);
    assertThat(slow.closed).isTrue();
    assertThat(slow.lastFrame).contains("event: resync").contains("\"reason\":\"too-slow\"");
    assertThat(fast.frames).hasSize(1_000);
    assertThat(fast.ids()).isSorted().doesNotHaveDuplicates();
    assertThat(broadcaster.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("tells a client that reconnects with Last-Event-ID to resync before anything else")
  void resyncOnReconnect() {
    Broadcaster broadcaster = new Broadcaster();
    broadcaster.publish("job", new JsonObject());
    FakeSink back = new FakeSink(Integer.MAX_VALUE);
    broadcaster.join(back, true);
    broadcaster.publish("job", new JsonObject().put("job_id", "b"));

    assertThat(back.frames).hasSize(2);
    assertThat(back.frames.get(0)).contains("event: resync").contains("\"reason\":\"reconnected\"");
    assertThat(back.ids()).containsExactly(2L, 3L);
  }

  @Test
  @DisplayName("keeps idle streams open with comments and drops a stalled one")
  void keepAlive() {
    Broadcaster broadcaster = new Broadcaster();
    FakeSink idle = new FakeSink(Integer.MAX_VALUE);
    FakeSink stalled = new FakeSink(0);
    broadcaster.join(idle, false);
    broadcaster.join(stalled, false);

    broadcaster.keepAlive();

    assertThat(idle.frames).containsExactly(": keep-alive\n\n");
    assertThat(stalled.closed).isTrue();
    assertThat(broadcaster.size()).isEqualTo(1);
  }
}
