package io.synthos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Progress")
class ProgressViewTest {

  private static JsonObject state(String status, String stage, String step, double fraction) {
    return new JsonObject()
        .put("status", status)
        .put(
            "progress",
            new JsonObject().put("stage", stage).put("step", step).put("fraction", fraction));
  }

  private static String shown(boolean terminal) {
    StringWriter err = new StringWriter();
    ProgressView view =
        new ProgressView(
            new Console(
                new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), terminal));
    view.update(state("queued", null, null, 0));
    view.update(state("running", "validate", "privacy", 0.41));
    view.update(state("running", "validate", "privacy", 0.43));
    view.update(state("running", "validate", "privacy", 0.52));
    view.update(state("completed", "report", null, 1));
    view.note("done");
    return err.toString();
  }

  @Test
  @DisplayName("in a log: one line per new step or tenth done")
  void plainLines() {
    assertThat(shown(false).lines())
        .containsExactly(
            "  0%  queued",
            " 41%  running: validate (privacy)",
            " 52%  running: validate (privacy)",
            "100%  completed: report",
            "done");
  }

  @Test
  @DisplayName("on a terminal: a bar redrawn in place, ended before the next line")
  void bar() {
    String shown = shown(true);

    assertThat(shown).doesNotContain("\n[").contains("\r[############..................]  41%");
    assertThat(shown).contains("\r[##############################] 100%  completed: report");
    assertThat(shown).endsWith("\ndone\n");
  }
}
