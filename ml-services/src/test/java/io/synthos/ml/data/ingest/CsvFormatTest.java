package io.synthos.ml.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV and TSV parsing")
class CsvFormatTest {

  @Test
  @DisplayName("a quoted field keeps its embedded delimiter, newline and doubled quotes")
  void quotedFields() {
    DatasetProfile profile =
        Ingest.csv("id,note\n1,\"a, b\"\n2,\"line one\nline two\"\n3,\"she said \"\"hi\"\"\"\n");

    assertThat(profile.rows()).isEqualTo(3);
    assertThat(Ingest.top(profile, "note"))
        .containsOnlyKeys("a, b", "line one\nline two", "she said \"hi\"");
  }

  @Test
  @DisplayName("a UTF-8 byte-order mark is not part of the first column's name")
  void byteOrderMark() {
    DatasetProfile profile = Ingest.csv("\uFEFFname,age\nAda,36\n");

    assertThat(profile.columns()).extracting(ColumnProfile::name).containsExactly("name", "age");
  }

  @Test
  @DisplayName("CRLF line endings are read like LF, leaving no carriage return in values")
  void crlf() {
    DatasetProfile profile = Ingest.csv("a,b\r\nx,1\r\ny,2\r\n");

    assertThat(profile.rows()).isEqualTo(2);
    assertThat(Ingest.top(profile, "a")).containsOnlyKeys("x", "y");
    assertThat(profile.column("b").type()).isEqualTo(ColumnType.INTEGER);
  }

  @Test
  @DisplayName("TSV splits on tabs, and commas are ordinary characters in it")
  void tsv() {
    byte[] text = "city\tpop\nParis, FR\t2100000\nLyon\t520000\n".getBytes(StandardCharsets.UTF_8);

    DatasetProfile profile = Ingest.bytes(text, IngestOptions.of(SourceFormat.TSV));

    assertThat(profile.delimiter()).isEqualTo('\t');
    assertThat(Ingest.top(profile, "city")).containsOnlyKeys("Paris, FR", "Lyon");
    assertThat(profile.column("pop").numeric().max()).isEqualTo(2_100_000);
  }

  @Test
  @DisplayName("the delimiter is sniffed: semicolon, tab and pipe as well as comma")
  void sniffing() {
    assertThat(Ingest.csv("a;b;c\n1;2,5;3\n4;5,5;6\n").delimiter()).isEqualTo(';');
    assertThat(Ingest.csv("a\tb\n1\t2\n").delimiter()).isEqualTo('\t');
    assertThat(Ingest.csv("a|b\n1|2\n").delimiter()).isEqualTo('|');
    assertThat(Ingest.csv("a,b\n1,2\n").delimiter()).isEqualTo(',');
  }

  @Test
  @DisplayName("sniffing ignores delimiters inside quoted text")
  void sniffingIgnoresQuotes() {
    DatasetProfile profile = Ingest.csv("name;remark\n\"Smith, J\";\"a, b, c\"\nLee;\"x,y\"\n");

    assertThat(profile.delimiter()).isEqualTo(';');
    assertThat(profile.columns()).hasSize(2);
  }

  @Test
  @DisplayName("a single-column file without any delimiter reads as one column")
  void singleColumn() {
    DatasetProfile profile = Ingest.csv("value\n1\n2\n3\n");

    assertThat(profile.columns()).hasSize(1);
    assertThat(profile.column("value").numeric().mean()).isEqualTo(2.0);
  }

  @Test
  @DisplayName("a given delimiter is used as is, without sniffing")
  void givenDelimiter() {
    byte[] text = "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8);

    DatasetProfile profile =
        Ingest.bytes(text, IngestOptions.of(SourceFormat.CSV).withDelimiter(','));

    assertThat(profile.columns()).extracting(ColumnProfile::name).containsExactly("a;b");
  }

  @Test
  @DisplayName("column names are labels kept verbatim, even when they look like paths")
  void namesAreLabels() {
    DatasetProfile profile = Ingest.csv("../../etc/passwd, spaced ,ünï\n1,2,3\n");

    assertThat(profile.columns())
        .extracting(ColumnProfile::name)
        .containsExactly("../../etc/passwd", " spaced ", "ünï");
    assertThat(profile.toJson().getJsonArray("column_profiles").getJsonObject(0).getString("name"))
        .isEqualTo("../../etc/passwd");
  }

  @Test
  @DisplayName("a file without a final newline loses no row")
  void noFinalNewline() {
    assertThat(Ingest.csv("a,b\n1,2\n3,4").rows()).isEqualTo(2);
  }
}
