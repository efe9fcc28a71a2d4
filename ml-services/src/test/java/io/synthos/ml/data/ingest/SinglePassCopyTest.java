package io.synthos.ml.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The typed copy written while profiling must be exactly what the second pass writes; when a column
 * changes type after its copy began, the ingest must say the copy is not whole.
 */
@DisplayName("Writing the typed copy in the profiling pass")
class SinglePassCopyTest {

  @Test
  @DisplayName("writes exactly what the second pass writes, for a long mixed file")
  void sameAsSecondPass() throws IOException {
    StringBuilder csv = new StringBuilder("id,n,x,flag,day,city,note\n");
    Random random = new Random(7);
    for (int i = 0; i < 25_000; i++) {
      csv.append(String.format("%05d", i))
          .append(',')
          .append(random.nextInt(100) == 0 ? "" : String.valueOf(random.nextInt(1000)))
          .append(',')
          .append(random.nextInt(50) == 0 ? "NA" : String.valueOf(random.nextGaussian()))
          .append(',')
          .append(random.nextBoolean())
          .append(',')
          .append(String.format("2024-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)))
          .append(',')
          .append(List.of("Paris", "Lyon", "Nice").get(random.nextInt(3)))
          .append(",\"free text, ")
          .append(i)
          .append("\"\n");
    }

    Outcome outcome = compare(csv.toString(), IngestOptions.of(SourceFormat.CSV));

    assertThat(outcome.copied()).isTrue();
    assertThat(outcome.firstPass()).isEqualTo(outcome.secondPass());
    assertThat(outcome.firstPass().rows()).hasSize(25_000);
  }

  @Test
  @DisplayName("writes a short file, whose types are only known at its end")
  void shortFile() throws IOException {
    Outcome outcome = compare("a,b\n1,x\n,y\n3,\n", IngestOptions.of(SourceFormat.CSV));

    assertThat(outcome.copied()).isTrue();
    assertThat(outcome.firstPass()).isEqualTo(outcome.secondPass());
  }

  @Test
  @DisplayName("says the copy is not whole when a column is demoted after it began")
  void lateDemotion() throws IOException {
    StringBuilder csv = new StringBuilder("n,m\n");
    for (int i = 0; i < 12_000; i++) {
      csv.append(i).append(',').append(i).append('\n');
    }
    csv.append("1.5,abc\n");

    Outcome outcome = compare(csv.toString(), IngestOptions.of(SourceFormat.CSV));

    assertThat(outcome.copied()).isFalse();
    assertThat(outcome.profile().column("n").type()).isEqualTo(ColumnType.FLOAT);
    assertThat(outcome.profile().column("m").type()).isEqualTo(ColumnType.TEXT);
  }

  @Test
  @DisplayName("says the copy is not whole when a JSON Lines key first appears mid-file")
  void lateKey() throws IOException {
    Outcome outcome =
        compare(
            "{\"a\":1}\n{\"a\":2}\n{\"a\":3,\"b\":\"x\"}\n",
            IngestOptions.of(SourceFormat.JSON_LINES));

    assertThat(outcome.copied()).isFalse();
    assertThat(outcome.profile().columns()).hasSize(2);
  }

  private static Outcome compare(String text, IngestOptions options) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Recording first = new Recording();
    DatasetIngestor.Ingested ingested =
        DatasetIngestor.ingest(
            new ByteArrayInputStream(bytes),
            options,
            (names, types) -> {
              first.columns.addAll(names);
              return first;
            });
    Recording second = new Recording();
    TypedRows.read(new ByteArrayInputStream(bytes), ingested.profile(), second);
    return new Outcome(ingested.profile(), ingested.copied(), first, second);
  }

  private record Outcome(
      DatasetProfile profile, boolean copied, Recording firstPass, Recording secondPass) {}

  /** Every value a sink received, row by row; doubles compare by bits, so NaN equals NaN. */
  private static final class Recording implements TypedRowSink {

    final List<String> columns = new ArrayList<>();
    private final List<List<Object>> rows = new ArrayList<>();
    private List<Object> row = new ArrayList<>();

    @Override
    public void number(int column, double value) {
      row.add(value);
    }

    @Override
    public void text(int column, String value) {
      row.add(value == null ? List.of() : value);
    }

    @Override
    public void endRow() {
      rows.add(row);
      row = new ArrayList<>();
    }

    List<List<Object>> rows() {
      return rows;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Recording that && rows.equals(that.rows);
    }

    @Override
    public int hashCode() {
      return rows.hashCode();
    }

    @Override
    public String toString() {
      return rows.size() + " rows";
    }
  }
}
