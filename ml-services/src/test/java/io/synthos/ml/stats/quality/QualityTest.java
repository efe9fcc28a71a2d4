package io.synthos.ml.stats.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.ml.common.RawColumn;
import io.synthos.ml.stats.Gone;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The quality section")
class QualityTest {

  @Test
  @DisplayName("reports issues only past their bounds: over 20% missing, over 1% duplicate rows")
  void bounds() {
    assertThat(codes(quality(20, 1))).isEmpty();
    assertThat(codes(quality(21, 2))).containsExactly("duplicate-rows", "high-missing");
  }

  /** 100 rows of 'id' and 'a': the first {@code missing} of 'a' missing, the last rows copies. */
  private static JsonObject quality(int missing, int duplicates) {
    double[] id = new double[100];
    double[] a = new double[100];
    for (int row = 0; row < 100; row++) {
      int source = Math.min(row, 99 - duplicates);
      id[row] = source;
      a[row] = source < missing ? Double.NaN : source;
    }
    return Quality.compute(
        List.of(new RawColumn("id", "integer", id, null), new RawColumn("a", "float", a, null)),
        Progress.NONE);
  }

  private static List<String> codes(JsonObject quality) {
    return quality.getJsonArray("issues").stream()
        .map(issue -> ((JsonObject) issue).getString("code"))
        .toList();
  }

  @Test
  @DisplayName("refuses a dataset with no column or no row, and stops when the caller goes away")
  void refusals() {
    List<RawColumn> rows = List.of(new RawColumn("a", "integer", new double[] {1, 2}, null));
    Progress gone = Gone.PROGRESS;

    assertThatThrownBy(() -> Quality.compute(new ArrayList<>(), Progress.NONE))
        .hasMessage("the synthetic dataset has no columns");
    assertThatThrownBy(
            () ->
                Quality.compute(
                    List.of(new RawColumn("a", "text", null, new String[0])), Progress.NONE))
        .hasMessage("the synthetic dataset has no rows");
    assertThatThrownBy(() -> Quality.compute(rows, gone)).isInstanceOf(Progress.Cancelled.class);
  }
}
