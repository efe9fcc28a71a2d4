package io.synthos.ml.stats.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link Privacy#compute} beyond the figures checked against numpy. */
@DisplayName("Privacy metrics")
class PrivacyTest {

  private static final List<MatchedColumn> BLOCKS = PrivacyFixtures.load("blocks").columns();

  @Test
  @DisplayName("a copied dataset gives exact matches everywhere, no new rows and a low score")
  void copiedDataset() {
    JsonObject got =
        Privacy.compute(
            PrivacyFixtures.load("copied").columns(), PrivacyOptions.DEFAULTS, Progress.NONE);
    assertThat(got.getDouble("exact_match_rate")).isEqualTo(1.0);
    assertThat(got.getDouble("new_row_synthesis")).isEqualTo(0.0);
    assertThat(got.getJsonObject("dcr").getDouble("median_synthetic")).isEqualTo(0.0);
    assertThat(got.getDouble("score")).isLessThan(0.1);
    assertThat(got.getBoolean("sampled_any")).isFalse();
    assertThat(got.containsKey("overfitting")).isFalse();
  }

  @Test
  @DisplayName("one and two threads give identical results")
  void threadsAgree() {
    JsonObject one = Privacy.compute(BLOCKS, new PrivacyOptions(50_000, 7, 1), Progress.NONE);
    JsonObject two = Privacy.compute(BLOCKS, new PrivacyOptions(50_000, 7, 2), Progress.NONE);
    JsonObject holdoutOne =
        Privacy.compute(
            PrivacyFixtures.load("holdout").columns(),
            new PrivacyOptions(50_000, 7, 1),
            Progress.NONE);
    JsonObject holdoutTwo =
        Privacy.compute(
            PrivacyFixtures.load("holdout").columns(),
            new PrivacyOptions(50_000, 7, 2),
            Progress.NONE);
    assertThat(two).isEqualTo(one);
    assertThat(holdoutTwo).isEqualTo(holdoutOne);
  }

  @Test
  @DisplayName("sampling above knnMaxRows is reported and deterministic by seed")
  void sampling() {
    JsonObject first = Privacy.compute(BLOCKS, new PrivacyOptions(100, 3, 1), Progress.NONE);
    JsonObject again = Privacy.compute(BLOCKS, new PrivacyOptions(100, 3, 2), Progress.NONE);
    JsonObject otherSeed = Privacy.compute(BLOCKS, new PrivacyOptions(100, 4, 1), Progress.NONE);
    assertThat(again).isEqualTo(first);
    assertThat(first.getBoolean("sampled_any")).isTrue();
    assertThat(first.getJsonObject("sampled").getInteger("real")).isEqualTo(100);
    assertThat(first.getJsonObject("sampled").getInteger("synthetic")).isEqualTo(100);
    assertThat(first.getJsonObject("sampled").getValue("holdout")).isNull();
    assertThat(otherSeed.getJsonObject("dcr")).isNotEqualTo(first.getJsonObject("dcr"));
  }

  @Test
  @DisplayName("the row sample is uniform without replacement, sorted and seeded")
  void rowSample() {
    int[] counts = new int[50];
    for (long seed = 0; seed < 2000; seed++) {
      int[] rows = Sample.rows(50, 10, seed, 0);
      assertThat(rows).hasSize(10).isSorted().doesNotHaveDuplicates();
      for (int row : rows) {
        counts[row]++;
      }
    }
    // Each row is picked with probability 1/5: 400 of 2000 draws, give or take ~18.
    assertThat(Arrays.stream(counts).boxed().toList())
        .allSatisfy(count -> assertThat(count).isBetween(320, 480));
    assertThat(Sample.rows(50, 10, 9, 1)).isEqualTo(Sample.rows(50, 10, 9, 1));
    assertThat(Sample.rows(50, 10, 9, 1)).isNotEqualTo(Sample.rows(50, 10, 9, 2));
    assertThat(Sample.rows(5, 10, 9, 1)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  @DisplayName("percentiles interpolate linearly like numpy")
  void percentiles() {
    assertThat(Sample.percentile(new double[] {4, 1, 3, 2}, 50)).isEqualTo(2.5);
    assertThat(Sample.percentile(new double[] {4, 1, 3, 2}, 10)).isCloseTo(1.3, within());
    assertThat(Sample.percentile(new double[] {7}, 10)).isEqualTo(7);
    assertThat(Sample.percentile(new double[] {0, 10}, 100)).isEqualTo(10);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }

  @Test
  @DisplayName("cancellation stops the computation with Progress.Cancelled, on any thread count")
  void cancellation() {
    for (int threads : new int[] {1, 2}) {
      CancelAfter progress = new CancelAfter(2);
      assertThatThrownBy(
              () -> Privacy.compute(BLOCKS, new PrivacyOptions(50_000, 0, threads), progress))
          .isInstanceOf(Progress.Cancelled.class);
      assertThat(progress.reports).hasSizeLessThan(6);
    }
  }

  @Test
  @DisplayName("progress rises to 1 under the privacy section")
  void progress() {
    CancelAfter progress = new CancelAfter(Integer.MAX_VALUE);
    Privacy.compute(BLOCKS, PrivacyOptions.DEFAULTS, progress);
    assertThat(progress.reports).isSorted().last().isEqualTo(1.0);
    assertThat(progress.sections).containsOnly("privacy");
  }

  @Test
  @DisplayName("a holdout on only some columns is refused")
  void partialHoldout() {
    List<MatchedColumn> holdout = new ArrayList<>(PrivacyFixtures.load("holdout").columns());
    MatchedColumn first = holdout.get(0);
    holdout.set(
        0,
        new MatchedColumn(
            first.name(), first.kind(), first.real(), first.synthetic(), null, first.categories()));
    assertThatThrownBy(() -> Privacy.compute(holdout, PrivacyOptions.DEFAULTS, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holdout");
  }

  @Test
  @DisplayName("options refuse non-positive rows and threads")
  void options() {
    assertThat(PrivacyOptions.defaults()).isEqualTo(new PrivacyOptions(50_000, 0, 1));
    assertThatThrownBy(() -> new PrivacyOptions(0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PrivacyOptions(10, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a missing number is at distance 1 from a value and 0 from another missing one")
  void missingNumbers() {
    double nan = Double.NaN;
    MatchedColumn column =
        new MatchedColumn(
            "x",
            Column.Kind.NUMERIC,
            Column.numeric("x", Column.Kind.NUMERIC, new double[] {0, 10, nan}),
            Column.numeric("x", Column.Kind.NUMERIC, new double[] {nan, 5, 1e308}),
            null,
            List.of());
    List<Column> baseline = List.of(Column.numeric("x", Column.Kind.NUMERIC, new double[] {2.5}));
    JsonObject got =
        Privacy.compute(List.of(column), PrivacyOptions.DEFAULTS, Progress.NONE, baseline);
    // Nearest distances: 0 (missing = missing), 0.5, 1; second nearest: 1, 0.5, 1.
    assertThat(got.getJsonObject("dcr").getDouble("median_synthetic")).isEqualTo(0.5);
    assertThat(got.getJsonObject("dcr").getDouble("median_baseline")).isEqualTo(0.25);
    assertThat(got.getJsonObject("nndr").getDouble("median")).isEqualTo(1.0);
    assertThat(got.getDouble("exact_match_rate")).isCloseTo(1 / 3.0, within());
  }

  /** Records reports and turns cancelled after {@code limit} of them. */
  private static final class CancelAfter implements Progress {
    private final int limit;
    private final List<Double> reports = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();

    CancelAfter(int limit) {
      this.limit = limit;
    }

    @Override
    public void report(String section, double fraction) {
      sections.add(section);
      reports.add(fraction);
    }

    @Override
    public boolean cancelled() {
      return reports.size() >= limit;
    }
  }
}
