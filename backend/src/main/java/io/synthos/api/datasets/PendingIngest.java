package io.synthos.api.datasets;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;

/** A dataset in {@code processing}: enough to follow, or re-submit, its ingest job. */
record PendingIngest(
    UUID datasetId,
    UUID ownerId,
    UUID jobId,
    String format,
    String delimiter,
    JsonObject columnTypes,
    Long sizeBytes,
    Instant since) {

  static PendingIngest from(Row row) {
    return new PendingIngest(
        row.getUUID("id"),
        row.getUUID("owner_id"),
        row.getUUID("ingest_job_id"),
        row.getString("format"),
        row.getString("delimiter"),
        DatasetRows.json(row, "column_types"),
        row.getLong("size_bytes"),
        row.getOffsetDateTime("updated_at").toInstant());
  }

  /** The ingest job's payload. */
  JsonObject payload() {
    JsonObject payload =
        new JsonObject()
            .put("dataset_id", datasetId.toString())
            .put("format", format)
            .put("column_types", columnTypes);
    if (delimiter != null) {
      payload.put("delimiter", delimiter);
    }
    if (sizeBytes != null) {
      payload.put("size_bytes", sizeBytes);
    }
    return payload;
  }
}
