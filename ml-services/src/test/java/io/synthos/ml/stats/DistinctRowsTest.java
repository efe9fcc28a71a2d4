package io.synthos.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Counting distinct rows")
class DistinctRowsTest {

  @Test
  @DisplayName("compares rows cell by cell when their hashes collide, so the count stays exact")
  void exactUnderCollisions() {
    double[] x = {1, 2, 1, 2, 3, 1};
    String[] y = {"a", "a", "a", "b", null, null};
    DistinctRows.Cells numbers = DistinctRows.of(x);
    DistinctRows.Cells strings = DistinctRows.of(y);

    int count = DistinctRows.count(x.length, List.of(colliding(numbers), colliding(strings)));

    // Rows (1,a) (2,a) (1,a) (2,b) (3,-) (1,-): the third repeats the first.
    assertThat(count).isEqualTo(5);
    assertThat(DistinctRows.count(x.length, List.of(numbers, strings))).isEqualTo(5);
  }

  @Test
  @DisplayName(
      "takes missing values as equal to each other, -0.0 as 0.0, and any negative code as missing")
  void missingAndZeros() {
    double[] numbers = {0.0, -0.0, Double.NaN, Double.NaN, 1};
    Column codes = Column.coded("c", Column.Kind.CATEGORICAL, new int[] {0, 0, -1, -1, 0});
    Column otherMissing = Column.coded("c", Column.Kind.CATEGORICAL, new int[] {0, 0, -1, -2, 0});

    assertThat(DistinctRows.count(5, List.of(DistinctRows.of(numbers)))).isEqualTo(3);
    assertThat(DistinctRows.count(5, List.of(DistinctRows.of(numbers), DistinctRows.of(codes))))
        .isEqualTo(3);
    assertThat(
            DistinctRows.count(5, List.of(DistinctRows.of(numbers), DistinctRows.of(otherMissing))))
        .isEqualTo(3);
    assertThat(DistinctRows.count(0, List.of(DistinctRows.of(new double[0])))).isZero();
  }

  /** The same cells, every one hashing alike: only the cell comparison tells rows apart. */
  private static DistinctRows.Cells colliding(DistinctRows.Cells cells) {
    return new DistinctRows.Cells() {
      @Override
      public long hash(int row) {
        return 42;
      }

      @Override
      public boolean same(int row, int other) {
        return cells.same(row, other);
      }
    };
  }
}
