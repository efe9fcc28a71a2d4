package io.synthos.ml.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.synthos.ml.data.ingest.IngestException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad input")
class BadInputTest {

  private static final IngestOptions CSV = IngestOptions.of(SourceFormat.CSV);

  private static IngestFailure ingesting(byte[] bytes, IngestOptions options) {
    IngestException e =
        catchThrowableOfType(IngestException.class, () -> Ingest.bytes(bytes, options));
    assertThat(e).as("an IngestException").isNotNull();
    return new IngestFailure(e);
  }

  private static IngestFailure ingesting(String text) {
    return ingesting(text.getBytes(StandardCharsets.UTF_8), CSV);
  }

  /** Fluent checks of one failure. */
  private record IngestFailure(IngestException e) {
    IngestFailure hasKind(Kind kind) {
      assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
      return this;
    }

    IngestFailure hasLine(long line) {
      assertThat(e.line()).as(e.getMessage()).isEqualTo(OptionalLong.of(line));
      return this;
    }

    IngestFailure hasMessageContaining(String text) {
      assertThat(e.getMessage()).contains(text);
      return this;
    }

    IngestFailure hasColumn(String column) {
      assertThat(e.column()).contains(column);
      return this;
    }
  }

  @Test
  @DisplayName("a ragged row names its line and the expected and actual field counts")
  void raggedRow() {
    ingesting("a,b,c\n1,2,3\n\"multi\nline\",5,6\n7,8\n")
        .hasKind(Kind.RAGGED_ROW)
        .hasLine(5)
        .hasMessageContaining("line 5")
        .hasMessageContaining("expected 3 fields")
        .hasMessageContaining("found 2");
  }

  @Test
  @DisplayName("invalid UTF-8 names the line it is on")
  void invalidUtf8() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("a,b\n1,2\n3,".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xC3); // a lead byte without its continuation
    bytes.writeBytes(",4\n".getBytes(StandardCharsets.UTF_8));

    ingesting(bytes.toByteArray(), CSV)
        .hasKind(Kind.INVALID_UTF8)
        .hasLine(3)
        .hasMessageContaining("UTF-8");
  }

  @Test
  @DisplayName("binary data (a NUL byte) is rejected as not text")
  void binary() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    ingesting(png, CSV).hasKind(Kind.INVALID_UTF8);
    ingesting("a,b\n1,\u0000\n").hasKind(Kind.BINARY).hasLine(2).hasMessageContaining("binary");
  }

  @Test
  @DisplayName("an empty file and a header without rows are told apart")
  void emptyAndHeaderOnly() {
    ingesting("").hasKind(Kind.EMPTY);
    ingesting("a,b\n").hasKind(Kind.NO_ROWS).hasMessageContaining("no data rows");
    ingesting("\n\n".getBytes(StandardCharsets.UTF_8), IngestOptions.of(SourceFormat.JSON_LINES))
        .hasKind(Kind.EMPTY);
  }

  @Test
  @DisplayName("duplicate column names name the column and both positions")
  void duplicateColumns() {
    ingesting("id,x,id\n1,2,3\n")
        .hasKind(Kind.DUPLICATE_COLUMN)
        .hasLine(1)
        .hasMessageContaining("columns 1 and 3")
        .hasColumn("id");
  }

  @Test
  @DisplayName("a blank column name names its position")
  void blankColumn() {
    ingesting("a,  ,c\n1,2,3\n").hasKind(Kind.BLANK_COLUMN).hasMessageContaining("column 2");
  }

  @Test
  @DisplayName("too many columns, a too-long line and a too-long record are refused by the limits")
  void limits() {
    IngestLimits tight = new IngestLimits(3, 20, 15, 100, 1_000, 100, 100);
    IngestOptions options = CSV.withLimits(tight).withDelimiter(',');

    ingesting(bytes("a,b,c,d\n1,2,3,4\n"), options)
        .hasKind(Kind.TOO_MANY_COLUMNS)
        .hasMessageContaining("limit of 3");
    ingesting(bytes("a,b\n1,2\n" + "x".repeat(30) + ",1\n"), options)
        .hasKind(Kind.LINE_TOO_LONG)
        .hasLine(3);
    ingesting(bytes("a,b\n\"" + "y\n".repeat(10) + "\",1\n"), options)
        .hasKind(Kind.RECORD_TOO_LONG);
  }

  @Test
  @DisplayName("JSON Lines: a line that is not a JSON object names its line")
  void malformedJson() {
    IngestOptions jsonl = IngestOptions.of(SourceFormat.JSON_LINES);

    ingesting(bytes("{\"a\": 1}\n{\"a\": \n"), jsonl).hasKind(Kind.MALFORMED).hasLine(2);
    ingesting(bytes("{\"a\": 1}\n[1, 2]\n"), jsonl).hasLine(2).hasMessageContaining("JSON object");
  }

  @Test
  @DisplayName("an unclosed quote is reported, not swallowed")
  void unclosedQuote() {
    ingesting("a,b\n1,\"open\n").hasKind(Kind.MALFORMED);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
