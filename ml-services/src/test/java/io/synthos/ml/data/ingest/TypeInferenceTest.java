package io.synthos.ml.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Type inference")
class TypeInferenceTest {

  private static ColumnType typeOf(String... values) {
    return Ingest.csv("x\n" + String.join("\n", values) + "\n").column("x").type();
  }

  @Test
  @DisplayName("whole numbers are integers, and 0/1 columns are integers, not booleans")
  void integers() {
    assertThat(typeOf("1", "-2", "+3", "0")).isEqualTo(ColumnType.INTEGER);
    assertThat(typeOf("0", "1", "1", "0")).isEqualTo(ColumnType.INTEGER);
  }

  @Test
  @DisplayName("a mix of integers and decimals is float, as are integers too large for a long")
  void floats() {
    assertThat(typeOf("1", "2.5", "3")).isEqualTo(ColumnType.FLOAT);
    assertThat(typeOf("1e3", ".5", "-2.")).isEqualTo(ColumnType.FLOAT);
    assertThat(typeOf("1", "99999999999999999999")).isEqualTo(ColumnType.FLOAT);
  }

  @Test
  @DisplayName("zero-padded numbers are codes, so the column stays a string type")
  void leadingZeros() {
    assertThat(typeOf("007", "012", "123")).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(typeOf("0.5", "0", "10")).isEqualTo(ColumnType.FLOAT);
  }

  @Test
  @DisplayName("true/false/yes/no in any case are booleans, counted canonically")
  void booleans() {
    DatasetProfile profile = Ingest.csv("b\nTrue\nno\nYES\nfalse\nNA\n");

    assertThat(profile.column("b").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(Ingest.top(profile, "b"))
        .containsExactly(Map.entry("false", 2L), Map.entry("true", 2L));
    assertThat(profile.column("b").missing()).isEqualTo(1);
  }

  @Test
  @DisplayName("ISO dates and date-times are datetimes profiled as epoch seconds (UTC)")
  void datetimes() {
    DatasetProfile profile =
        Ingest.csv("d,t,z\n1970-01-02,1970-01-01 00:01:00,1970-01-01T01:00:00+01:00\n");

    assertThat(profile.column("d").type()).isEqualTo(ColumnType.DATETIME);
    assertThat(profile.column("d").numeric().min()).isEqualTo(86_400);
    assertThat(profile.column("t").numeric().min()).isEqualTo(60);
    assertThat(profile.column("z").numeric().min()).isZero();
  }

  @Test
  @DisplayName("a column mixing two date layouts is not a datetime")
  void twoDateLayouts() {
    assertThat(typeOf("2024-01-31", "2024-02-01 10:00:00")).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(typeOf("31/01/2024", "01/02/2024")).isEqualTo(ColumnType.CATEGORICAL);
  }

  @Test
  @DisplayName("missing markers are counted, never typed: NA, N/A, null, NaN, None, empty")
  void missingValues() {
    DatasetProfile profile = Ingest.csv("x\n1\nNA\nn/a\nNULL\nnan\nNone\n\"\"\n2\n");

    ColumnProfile x = profile.column("x");
    assertThat(x.type()).isEqualTo(ColumnType.INTEGER);
    assertThat(x.missing()).isEqualTo(6);
    assertThat(x.count()).isEqualTo(2);
  }

  @Test
  @DisplayName("near-unique strings are text; repeated strings are categorical")
  void textVersusCategorical() {
    String ids =
        IntStream.range(0, 40).mapToObj(i -> "user-" + i).collect(Collectors.joining("\n"));
    String few =
        IntStream.range(0, 40).mapToObj(i -> "c" + i % 3).collect(Collectors.joining("\n"));

    assertThat(typeOf(ids)).isEqualTo(ColumnType.TEXT);
    assertThat(typeOf(few)).isEqualTo(ColumnType.CATEGORICAL);
    // Too few values to judge cardinality: stays categorical.
    assertThat(typeOf("a", "b", "c")).isEqualTo(ColumnType.CATEGORICAL);
  }

  @Test
  @DisplayName("top values are the 20 most frequent, ties broken by value")
  void topValues() {
    DatasetProfile profile = Ingest.csv("x\nb\na\nc\nc\n");

    assertThat(Ingest.top(profile, "x"))
        .containsExactly(Map.entry("c", 2L), Map.entry("a", 1L), Map.entry("b", 1L));
  }

  @Test
  @DisplayName("an override wins, and values that do not parse as it are counted invalid")
  void overrideWins() {
    DatasetProfile profile =
        Ingest.csv(
            "zip,n\n007,1\n123,x\n",
            Map.of("zip", ColumnType.CATEGORICAL, "n", ColumnType.INTEGER));

    assertThat(profile.column("zip").type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(profile.column("zip").overridden()).isTrue();
    ColumnProfile n = profile.column("n");
    assertThat(n.type()).isEqualTo(ColumnType.INTEGER);
    assertThat(n.invalid()).isEqualTo(1);
    assertThat(n.count()).isEqualTo(1);
    assertThat(n.numeric().mean()).isEqualTo(1.0);
  }

  @Test
  @DisplayName("a value after the inference window demotes integer to float, then to a string type")
  void demotion() {
    IngestLimits limits = new IngestLimits(2_000, 1 << 20, 8 << 20, 3, 1_000_000, 1_000, 100);
    IngestOptions options = IngestOptions.of(SourceFormat.CSV).withLimits(limits);

    DatasetProfile toFloat = Ingest.bytes(bytes("1", "2", "3", "4.5", "5"), options);
    DatasetProfile toString = Ingest.bytes(bytes("1", "2", "3", "4.5", "oops"), options);

    assertThat(toFloat.column("x").type()).isEqualTo(ColumnType.FLOAT);
    assertThat(toFloat.column("x").demotedFrom()).isEqualTo(ColumnType.INTEGER);
    assertThat(toFloat.column("x").numeric().mean()).isCloseTo(3.1, within(1e-12));
    ColumnProfile demoted = toString.column("x");
    assertThat(demoted.type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(demoted.demotedFrom()).isEqualTo(ColumnType.INTEGER);
    assertThat(demoted.numeric()).isNull();
    assertThat(Ingest.top(toString, "x")).containsOnlyKeys("1", "2", "3", "4.5", "oops");
  }

  @Test
  @DisplayName("a datetime column demoted mid-stream recounts earlier values as ISO instants")
  void datetimeDemotion() {
    IngestLimits limits = new IngestLimits(2_000, 1 << 20, 8 << 20, 2, 1_000_000, 1_000, 100);
    IngestOptions options = IngestOptions.of(SourceFormat.CSV).withLimits(limits);

    DatasetProfile profile = Ingest.bytes(bytes("2024-01-31", "2024-02-01", "soon"), options);

    assertThat(profile.column("x").demotedFrom()).isEqualTo(ColumnType.DATETIME);
    assertThat(Ingest.top(profile, "x"))
        .containsOnlyKeys("2024-01-31T00:00:00Z", "2024-02-01T00:00:00Z", "soon");
  }

  private static byte[] bytes(String... values) {
    return ("x\n" + String.join("\n", values) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
