package io.synthos.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * Shows a validation's progress: a bar redrawn in place on a terminal, or one plain line per change
 * of stage or step (and per tenth done) in a CI log.
 */
final class ProgressView {

  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private String lastStep;
  private int lastTenth = -1;
  private boolean barShown;

  ProgressView(Console console) {
    this.err = console.err();
    this.terminal = console.terminal();
  }

  /** A line about something other than the validation itself, such as an upload. */
  void note(String line) {
    endBar();
    err.println(line);
    err.flush();
  }

  /** Shows the validation's state as it arrives from the event stream. */
  void update(JsonObject validation) {
    JsonObject progress = validation.getJsonObject("progress", new JsonObject());
    double fraction = progress.getDouble("fraction", 0.0);
    String step = describe(validation.getString("status"), progress);
    if (terminal) {
      int filled = (int) Math.round(fraction * BAR_WIDTH);
      String line =
          String.format(
              "\r[%s%s] %3d%%  %-40s",
              "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), percent(fraction), step);
      err.print(line);
      barShown = true;
    } else {
      int tenth = (int) Math.floor(fraction * 10);
      if (Objects.equals(step, lastStep) && tenth == lastTenth) {
        return;
      }
      err.println(String.format("%3d%%  %s", percent(fraction), step));
      lastTenth = tenth;
    }
    lastStep = step;
    err.flush();
  }

  /** Ends the bar's line, so what follows starts on its own. */
  void endBar() {
    if (barShown) {
      err.println();
      barShown = false;
    }
  }

  private static int percent(double fraction) {
    return (int) Math.floor(fraction * 100);
  }

  private static String describe(String status, JsonObject progress) {
    String stage = progress.getString("stage");
    String step = progress.getString("step");
    StringBuilder text = new StringBuilder(status == null ? "" : status);
    if (stage != null) {
      text.append(": ").append(stage);
      if (step != null) {
        text.append(" (").append(step).append(')');
      }
    }
    return text.toString();
  }
}
