package io.synthos.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Progress over weighted steps")
class ProgressStepsTest {

  private record Heard(String section, double fraction) {}

  @Test
  @DisplayName("turns each step's own 0 to 1 into a growing fraction of the whole")
  void weighted() {
    List<Heard> heard = new ArrayList<>();
    Progress whole = recording(heard);
    ProgressSteps steps = new ProgressSteps(whole, 1, 3);

    steps.step(0).report("quality", 0.5);
    steps.step(0).report("quality", 1);
    steps.step(1).report("privacy", 0);
    steps.step(1).report("privacy", 0.5);
    steps.step(1, "generation 2 of 2").report("privacy", 1);

    assertThat(heard)
        .containsExactly(
            new Heard("quality", 0.125),
            new Heard("quality", 0.25),
            new Heard("privacy", 0.25),
            new Heard("privacy", 0.625),
            new Heard("generation 2 of 2", 1.0));
  }

  @Test
  @DisplayName("passes cancellation through and refuses steps of no weight")
  void cancelAndWeights() {
    Progress cancelled =
        new Progress() {
          @Override
          public void report(String section, double fraction) {}

          @Override
          public boolean cancelled() {
            return true;
          }
        };

    assertThat(new ProgressSteps(cancelled, 1).step(0).cancelled()).isTrue();
    assertThatThrownBy(() -> new ProgressSteps(Progress.NONE, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Progress recording(List<Heard> heard) {
    return new Progress() {
      @Override
      public void report(String section, double fraction) {
        heard.add(new Heard(section, fraction));
      }

      @Override
      public boolean cancelled() {
        return false;
      }
    };
  }
}
