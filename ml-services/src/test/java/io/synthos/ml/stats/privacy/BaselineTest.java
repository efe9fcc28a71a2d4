package io.synthos.ml.stats.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.RowEncoding;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seeded random baseline rows. */
@DisplayName("Privacy baseline rows")
class BaselineTest {

  private static final List<MatchedColumn> MIXED = PrivacyFixtures.load("mixed").columns();
  private static final int ROWS = 40_000;

  @Test
  @DisplayName("numbers are uniform over the real range, without missing values")
  void numbersUniformOverRealRange() {
    List<Column> baseline = Baseline.generate(MIXED, ROWS, 11);
    for (int j = 0; j < MIXED.size(); j++) {
      if (!MIXED.get(j).numeric()) {
        continue;
      }
      double[] range = RowEncoding.range(MIXED.get(j).real().numbers());
      double width = range[1] - range[0];
      double[] values = baseline.get(j).numbers();
      assertThat(values).hasSize(ROWS);
      assertThat(Arrays.stream(values).boxed().toList())
          .allSatisfy(v -> assertThat(v).isBetween(range[0], range[1]));
      // Uniform on [min, max]: mean at the midpoint, a quarter of the values in each quarter.
      assertThat(Arrays.stream(values).average().orElseThrow())
          .isCloseTo((range[0] + range[1]) / 2, within(0.01 * width));
      long lowQuarter = Arrays.stream(values).filter(v -> v < range[0] + width / 4).count();
      assertThat((double) lowQuarter / ROWS).isCloseTo(0.25, within(0.01));
    }
  }

  @Test
  @DisplayName("codes are uniform over the codes present in the real column")
  void codesUniformOverPresentCodes() {
    List<Column> baseline = Baseline.generate(MIXED, ROWS, 11);
    for (int j = 0; j < MIXED.size(); j++) {
      if (MIXED.get(j).numeric()) {
        continue;
      }
      int[] present =
          Arrays.stream(MIXED.get(j).real().codes()).filter(c -> c >= 0).distinct().toArray();
      int[] counts = new int[MIXED.get(j).categories().size()];
      for (int code : baseline.get(j).codes()) {
        assertThat(code).isIn(Arrays.stream(present).boxed().toList());
        counts[code]++;
      }
      for (int code : present) {
        assertThat((double) counts[code] / ROWS).isCloseTo(1.0 / present.length, within(0.015));
      }
    }
  }

  @Test
  @DisplayName("the same seed gives the same rows, another seed other rows")
  void deterministicBySeed() {
    List<Column> first = Baseline.generate(MIXED, 500, 5);
    List<Column> again = Baseline.generate(MIXED, 500, 5);
    List<Column> other = Baseline.generate(MIXED, 500, 6);
    assertThat(again.get(0).numbers()).isEqualTo(first.get(0).numbers());
    assertThat(again.get(2).codes()).isEqualTo(first.get(2).codes());
    assertThat(other.get(0).numbers()).isNotEqualTo(first.get(0).numbers());
  }
}
