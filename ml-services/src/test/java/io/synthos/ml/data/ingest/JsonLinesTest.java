package io.synthos.ml.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON Lines parsing")
class JsonLinesTest {

  @Test
  @DisplayName("columns are the union of keys in first-seen order; absent keys are missing")
  void unionOfKeys() {
    DatasetProfile profile =
        Ingest.jsonLines(
            """
            {"id": 1, "name": "a"}
            {"name": "b", "score": 2.5}

            {"id": 3, "score": null, "flag": true}
            """);

    assertThat(profile.rows()).isEqualTo(3);
    assertThat(profile.columns())
        .extracting(ColumnProfile::name)
        .containsExactly("id", "name", "score", "flag");
    ColumnProfile score = profile.column("score");
    assertThat(score.rows()).isEqualTo(3);
    assertThat(score.missing()).isEqualTo(2);
    assertThat(score.type()).isEqualTo(ColumnType.FLOAT);
    assertThat(profile.column("id").missing()).isEqualTo(1);
    assertThat(profile.column("flag").missing()).isEqualTo(2);
    assertThat(profile.column("flag").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(profile.delimiter()).isNull();
  }

  @Test
  @DisplayName("nested objects and arrays are kept as compact JSON text")
  void nestedValues() {
    DatasetProfile profile =
        Ingest.jsonLines("{\"tags\": [\"a\", \"b\"]}\n{\"tags\": {\"k\": 1}}\n");

    assertThat(Ingest.top(profile, "tags")).containsOnlyKeys("[\"a\",\"b\"]", "{\"k\":1}");
  }
}
