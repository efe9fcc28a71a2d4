package io.synthos.ml.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.TestResources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Checks the profile against numpy on fixtures written by {@code make_fixtures.py}. */
@DisplayName("Profile statistics against numpy")
class ProfileAgainstNumpyTest {

  private static byte[] csv;
  private static JsonObject expected;
  private static DatasetProfile profile;

  @BeforeAll
  static void ingestFixture() throws IOException {
    csv = TestResources.bytes("/ingest/profile_fixture.csv");
    expected = TestResources.json("/ingest/profile_expected.json");
    profile = Ingest.bytes(csv, IngestOptions.of(SourceFormat.CSV));
  }

  @Test
  @DisplayName("rows and inferred types match the generated columns")
  void shape() {
    assertThat(profile.rows()).isEqualTo(expected.getLong("rows"));
    assertThat(profile.columns())
        .extracting(ColumnProfile::type)
        .containsExactly(
            ColumnType.INTEGER,
            ColumnType.FLOAT,
            ColumnType.FLOAT,
            ColumnType.DATETIME,
            ColumnType.CATEGORICAL);
  }

  @Test
  @DisplayName("count, missing, distinct, mean, std, min, max and percentiles equal numpy's")
  void numericStatistics() {
    for (String name : new String[] {"ints", "normal", "skewed", "stamp"}) {
      JsonObject want = expected.getJsonObject("columns").getJsonObject(name);
      ColumnProfile got = profile.column(name);
      NumericSummary numeric = got.numeric();
      assertThat(got.count()).as(name).isEqualTo(want.getLong("count"));
      assertThat(got.missing()).as(name).isEqualTo(want.getLong("missing"));
      assertThat(got.distinct()).as(name).isEqualTo(want.getLong("distinct"));
      assertThat(got.distinctExact()).isTrue();
      assertThat(numeric.exact()).isTrue();
      assertClose(name + " mean", numeric.mean(), want.getDouble("mean"));
      assertClose(name + " std", numeric.std(), want.getDouble("std"));
      assertClose(name + " min", numeric.min(), want.getDouble("min"));
      assertClose(name + " max", numeric.max(), want.getDouble("max"));
      for (int p : new int[] {1, 5, 25, 50, 75, 95, 99}) {
        double numpy = want.getJsonObject("percentiles").getDouble("p" + p);
        assertClose(name + " p" + p, numeric.quantile(p), numpy);
      }
    }
  }

  @Test
  @DisplayName("histogram edges and counts equal np.histogram with 20 bins over [min, max]")
  void histograms() {
    for (String name : new String[] {"ints", "normal", "skewed", "stamp"}) {
      JsonObject want = expected.getJsonObject("columns").getJsonObject(name);
      NumericSummary numeric = profile.column(name).numeric();
      JsonArray edges = want.getJsonArray("histogram_edges");
      for (int i = 0; i < edges.size(); i++) {
        assertClose(name + " edge " + i, numeric.histogramEdges()[i], edges.getDouble(i));
      }
      long[] counts =
          want.getJsonArray("histogram_counts").stream()
              .mapToLong(c -> ((Number) c).longValue())
              .toArray();
      assertThat(numeric.histogramCounts()).as(name).containsExactly(counts);
    }
  }

  @Test
  @DisplayName("categorical value counts equal numpy's")
  void valueCounts() {
    JsonObject want = expected.getJsonObject("columns").getJsonObject("colour");
    ColumnProfile colour = profile.column("colour");

    assertThat(colour.missing()).isEqualTo(want.getLong("missing"));
    assertThat(colour.count()).isEqualTo(want.getLong("count"));
    Map<String, Object> counts = want.getJsonObject("value_counts").getMap();
    assertThat(Ingest.top(profile, "colour")).hasSize(counts.size());
    counts.forEach(
        (value, count) ->
            assertThat(Ingest.top(profile, "colour"))
                .containsEntry(value, ((Number) count).longValue()));
  }

  @Test
  @DisplayName("bytes read equal the file size and the sha256 equals MessageDigest's")
  void identity() throws Exception {
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));

    assertThat(profile.bytes()).isEqualTo(csv.length);
    assertThat(profile.sha256()).isEqualTo(sha256);
    assertThat(profile.toJson().getString("sha256")).isEqualTo(sha256);
  }

  @Test
  @DisplayName("the JSON form uses snake_case keys and carries every statistic")
  void json() {
    JsonObject json = profile.toJson();
    JsonObject ints = json.getJsonArray("column_profiles").getJsonObject(0);

    assertThat(json.fieldNames()).contains("rows", "columns", "bytes", "sha256", "column_profiles");
    assertThat(ints.getString("type")).isEqualTo("integer");
    assertThat(ints.fieldNames()).contains("distinct_exact", "demoted_from", "missing", "numeric");
    assertThat(ints.getJsonObject("numeric").fieldNames())
        .contains("quantiles", "quantiles_exact", "histogram", "std");
  }

  private static void assertClose(String what, double actual, double expected) {
    double tolerance = 1e-9 * Math.max(Math.abs(expected), Double.MIN_NORMAL);
    assertThat(actual)
        .as(what)
        .isCloseTo(expected, org.assertj.core.api.Assertions.within(tolerance));
  }
}
