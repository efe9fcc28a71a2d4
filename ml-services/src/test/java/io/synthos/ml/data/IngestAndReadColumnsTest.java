package io.synthos.ml.data;

import static io.synthos.ml.GrpcTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.DataServiceTest;
import io.synthos.ml.data.DataCalls.Reply;
import io.synthos.proto.v1.Column;
import io.synthos.proto.v1.ColumnBatch;
import io.synthos.proto.v1.IngestReply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ingesting a dataset and reading its columns")
class IngestAndReadColumnsTest extends DataServiceTest {

  private static final String SMALL =
      """
      id,score,when,flag,city
      1,1.5,2024-01-01,true,Paris
      2,,2024-01-02,false,Rome
      3,2.25,NA,yes,
      """;

  private final String id = UUID.randomUUID().toString();

  @Test
  @DisplayName("profiles a small CSV with each column's type and shows the profile in GetDataset")
  void profiles() throws Exception {
    JsonObject profile = new JsonObject(await(data.store(id, SMALL)));

    assertThat(profile.getLong("rows")).isEqualTo(3);
    assertThat(types(profile))
        .containsExactly(
            Map.entry("id", "integer"),
            Map.entry("score", "float"),
            Map.entry("when", "datetime"),
            Map.entry("flag", "boolean"),
            Map.entry("city", "categorical"));
    var info = await(data.get(id)).value();
    assertThat(info.getIngested()).isTrue();
    assertThat(new JsonObject(info.getProfileJson())).isEqualTo(profile);
  }

  @Test
  @DisplayName("applies column_types overrides and counts values that do not parse as invalid")
  void overrides() throws Exception {
    await(data.store(id, SMALL));

    Reply<IngestReply> again = await(data.ingest(id, "csv", Map.of("id", "categorical")));

    assertThat(again.status()).isEqualTo(GrpcStatus.OK);
    assertThat(types(new JsonObject(again.value().getProfileJson())))
        .containsEntry("id", "categorical");
    Column idColumn = columns(await(data.read(id, List.of("id"), 0, 0)).values()).get(0);
    assertThat(idColumn.getType()).isEqualTo("categorical");
    assertThat(idColumn.getStringsList()).containsExactly("1", "2", "3");
    try (var entries = Files.list(dataDir.resolve("datasets").resolve(id))) {
      assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ingest-")))
          .as("re-ingesting replaces the previous ingest")
          .hasSize(1);
    }
  }

  @Test
  @DisplayName("refuses a ragged CSV with INVALID_ARGUMENT naming the line")
  void ragged() throws Exception {
    byte[] bytes = "a,b\n1,2\n3\n".getBytes();
    await(data.upload(id, bytes, 100));
    await(data.commit(id, ""));

    Reply<IngestReply> reply = await(data.ingest(id, "csv", Map.of()));

    assertThat(reply.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(reply.message()).contains("line 3").contains("expected 2 fields");
    assertThat(await(data.get(id)).value().getIngested()).isFalse();
  }

  @Test
  @DisplayName("answers NOT_FOUND when ingesting or reading a dataset that is not stored")
  void notStored() throws Exception {
    assertThat(await(data.ingest(id, "csv", Map.of())).status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(await(data.read(id, List.of(), 0, 0)).status()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  @DisplayName("refuses an unknown format, a long delimiter, an unknown type and an unknown column")
  void badRequests() throws Exception {
    await(data.store(id, SMALL));

    assertThat(await(data.ingest(id, "xlsx", Map.of())).message()).contains("csv, tsv or jsonl");
    assertThat(await(data.ingest(id, "csv", Map.of("id", "INTEGER"))).message())
        .contains("column_types[\"id\"]");
    Reply<ColumnBatch> unknown = await(data.read(id, List.of("nope"), 0, 0));
    assertThat(unknown.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(unknown.message()).contains("no column named \"nope\"");
  }

  @Test
  @DisplayName(
      "streams exactly the typed values of every column, with NaN and present=false where missing")
  void readsAll() throws Exception {
    await(data.store(id, SMALL));

    List<Column> columns = columns(await(data.read(id, List.of(), 0, 0)).values());

    assertThat(columns)
        .extracting(Column::getName)
        .containsExactly("id", "score", "when", "flag", "city");
    assertThat(columns.get(0).getNumbersList()).containsExactly(1.0, 2.0, 3.0);
    assertThat(columns.get(1).getNumbersList()).containsExactly(1.5, Double.NaN, 2.25);
    assertThat(columns.get(1).getPresentList()).containsExactly(true, false, true);
    assertThat(columns.get(2).getType()).isEqualTo("datetime");
    assertThat(columns.get(2).getNumbersList())
        .containsExactly(1704067200.0, 1704153600.0, Double.NaN);
    assertThat(columns.get(3).getNumbersList()).containsExactly(1.0, 0.0, 1.0);
    assertThat(columns.get(4).getStringsList()).containsExactly("Paris", "Rome", "");
    assertThat(columns.get(4).getPresentList()).containsExactly(true, true, false);
  }

  @Test
  @DisplayName("streams a large dataset in several batches under the message limit, in row order")
  void batches() throws Exception {
    int rows = 100_000;
    await(data.store(id, numbered(rows)));

    Reply<ColumnBatch> reply = await(data.read(id, List.of("i", "label"), 0, 0));

    assertThat(reply.status()).isEqualTo(GrpcStatus.OK);
    assertThat(reply.values()).hasSizeGreaterThan(1);
    assertThat(reply.values())
        .allSatisfy(b -> assertThat(b.getSerializedSize()).isLessThan(256 * 1024));
    List<Long> indices = indices(reply.values());
    assertThat(indices).hasSize(rows);
    assertThat(indices.get(rows - 1)).isEqualTo(rows - 1);
    assertConsistent(reply.values());
  }

  @Test
  @DisplayName(
      "samples the same rows for the same seed whatever the columns, and other rows for another seed")
  void samples() throws Exception {
    int rows = 5_000;
    await(data.store(id, numbered(rows)));

    Reply<ColumnBatch> both = await(data.read(id, List.of("i", "label"), 100, 42));
    Reply<ColumnBatch> again = await(data.read(id, List.of("i", "label"), 100, 42));
    Reply<ColumnBatch> labelOnly = await(data.read(id, List.of("label"), 100, 42));
    Reply<ColumnBatch> otherSeed = await(data.read(id, List.of("i"), 100, 7));
    Reply<ColumnBatch> oversized = await(data.read(id, List.of("i"), rows * 2L, 42));

    List<Long> sample = indices(both.values());
    assertThat(sample).hasSize(100).isSorted().doesNotHaveDuplicates();
    assertThat(indices(again.values())).isEqualTo(sample);
    assertThat(indices(labelOnly.values())).isEqualTo(sample);
    assertThat(indices(otherSeed.values())).hasSize(100).isNotEqualTo(sample);
    assertThat(indices(oversized.values())).hasSize(rows);
    assertThat(columns(both.values()).get(0).getNumbersList())
        .containsExactlyElementsOf(sample.stream().map(i -> (double) i).toList());
    assertThat(columns(labelOnly.values()).get(0).getStringsList())
        .isEqualTo(columns(both.values()).get(1).getStringsList());
    assertConsistent(both.values());
  }

  /** i is the row index; label is "L" + i % 7, missing when i % 10 == 0. */
  private static String numbered(int rows) {
    StringBuilder csv = new StringBuilder("i,label\n");
    for (int i = 0; i < rows; i++) {
      csv.append(i).append(',').append(i % 10 == 0 ? "" : "L" + i % 7).append('\n');
    }
    return csv.toString();
  }

  private static void assertConsistent(List<ColumnBatch> batches) {
    for (ColumnBatch batch : batches) {
      Column i = batch.getColumns(0);
      Column label = batch.getColumns(1);
      for (int r = 0; r < batch.getRowIndicesCount(); r++) {
        long row = batch.getRowIndices(r);
        assertThat(i.getNumbers(r)).isEqualTo((double) row);
        assertThat(label.getPresent(r)).isEqualTo(row % 10 != 0);
        assertThat(label.getStrings(r)).isEqualTo(row % 10 == 0 ? "" : "L" + row % 7);
      }
    }
  }

  private static List<Long> indices(List<ColumnBatch> batches) {
    return batches.stream().flatMap(b -> b.getRowIndicesList().stream()).toList();
  }

  /** The batches' columns joined into one column each. */
  private static List<Column> columns(List<ColumnBatch> batches) {
    List<Column.Builder> joined = new ArrayList<>();
    for (ColumnBatch batch : batches) {
      for (int c = 0; c < batch.getColumnsCount(); c++) {
        Column part = batch.getColumns(c);
        if (joined.size() <= c) {
          joined.add(Column.newBuilder().setName(part.getName()).setType(part.getType()));
        }
        joined
            .get(c)
            .addAllNumbers(part.getNumbersList())
            .addAllStrings(part.getStringsList())
            .addAllPresent(part.getPresentList());
      }
    }
    return joined.stream().map(Column.Builder::build).toList();
  }

  private static Map<String, String> types(JsonObject profile) {
    JsonArray columns = profile.getJsonArray("column_profiles");
    return columns.stream()
        .map(JsonObject.class::cast)
        .collect(
            Collectors.toMap(
                c -> c.getString("name"),
                c -> c.getString("type"),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }
}
