package io.synthos.api.datasets;

import io.synthos.platform.http.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code datasets} table. Every query a user can reach is scoped to an owner ({@code null}
 * scope: an administrator, who sees every dataset); rows being deleted are invisible.
 */
final class DatasetStore {

  static final String COLUMNS =
      "id, owner_id, name, format, delimiter, status, failure_reason, declared_size_bytes,"
          + " declared_sha256, column_types, upload_expires_at, ingest_job_id, size_bytes, sha256,"
          + " rows, columns, schema, created_at, updated_at, ready_at";
  private static final String SCOPED = " ($2::uuid IS NULL OR owner_id = $2)";
  private static final String VISIBLE = " status <> 'deleting' AND" + SCOPED;

  private static final String INSERT =
      "INSERT INTO datasets (id, owner_id, name, format, delimiter, status, declared_size_bytes,"
          + " declared_sha256, column_types, upload_token_hash, upload_expires_at, created_at, updated_at)"
          + " VALUES ($1, $2, $3, $4, $5, 'uploading', $6, $7, $8, $9, $10, $11, $11) RETURNING "
          + COLUMNS;
  private static final String FIND =
      "SELECT " + COLUMNS + " FROM datasets WHERE id = $1 AND" + VISIBLE;
  private static final String FIND_WITH_PROFILE =
      "SELECT " + COLUMNS + ", profile FROM datasets WHERE id = $1 AND" + VISIBLE;
  private static final String LIST =
      "SELECT "
          + COLUMNS
          + " FROM datasets WHERE status <> 'deleting' AND ($1::uuid IS NULL OR owner_id = $1)"
          + " AND ($2::text IS NULL OR status = $2)"
          + " AND ($3::text IS NULL OR strpos(lower(name), lower($3)) > 0)"
          + " AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))"
          + " ORDER BY created_at DESC, id DESC LIMIT $6";
  private static final String BY_TOKEN =
      "SELECT "
          + COLUMNS
          + " FROM datasets WHERE upload_token_hash = $1 AND status = 'uploading'"
          + " AND upload_expires_at > $2";
  private static final String START_INGEST =
      "UPDATE datasets SET status = 'processing', ingest_job_id = $3, column_types = $4,"
          + " failure_reason = NULL, upload_token_hash = NULL, upload_expires_at = NULL,"
          + " size_bytes = coalesce($5, size_bytes), updated_at = $6"
          + " WHERE id = $1 AND status = ANY($7) AND"
          + VISIBLE
          + " RETURNING "
          + COLUMNS;
  private static final String READY =
      "UPDATE datasets SET status = 'ready', failure_reason = NULL, size_bytes = $2, sha256 = $3,"
          + " rows = $4, columns = $5, schema = $6, profile = $7, updated_at = $8, ready_at = $8"
          + " WHERE ingest_job_id = $1 AND status = 'processing' RETURNING id";
  private static final String FAILED =
      "UPDATE datasets SET status = 'failed', failure_reason = $2, updated_at = $3"
          + " WHERE ingest_job_id = $1 AND status = 'processing' RETURNING id";
  private static final String PROCESSING_JOB =
      "SELECT id, owner_id, format, delimiter, column_types, size_bytes, ingest_job_id, updated_at"
          + " FROM datasets WHERE ingest_job_id = $1 AND status = 'processing'";
  private static final String STALE_PROCESSING =
      "SELECT id, owner_id, format, delimiter, column_types, size_bytes, ingest_job_id, updated_at"
          + " FROM datasets WHERE status = 'processing' AND updated_at < $1 ORDER BY updated_at LIMIT $2";
  private static final String MARK_DELETING =
      "UPDATE datasets SET status = 'deleting', upload_token_hash = NULL, updated_at = $3"
          + " WHERE id = $1 AND status IN ('uploading', 'ready', 'failed') AND"
          + SCOPED
          + " RETURNING id";
  private static final String PURGE = "DELETE FROM datasets WHERE id = $1 AND status = 'deleting'";
  private static final String DELETING =
      "SELECT id FROM datasets WHERE status = 'deleting' AND updated_at < $1 ORDER BY updated_at LIMIT $2";
  private static final String EXPIRE_UPLOADS =
      "UPDATE datasets SET status = 'failed', upload_token_hash = NULL, updated_at = $1,"
          + " failure_reason = 'the upload URL expired before the upload was completed'"
          + " WHERE id IN (SELECT id FROM datasets WHERE status = 'uploading' AND upload_expires_at <= $1"
          + " ORDER BY upload_expires_at LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING id";
  private static final String CANCEL_UPLOAD =
      "DELETE FROM datasets WHERE id = $1 AND status = 'uploading'";

  private final Pool pool;

  DatasetStore(Pool pool) {
    this.pool = pool;
  }

  /** A new dataset awaiting its bytes. */
  Future<JsonObject> create(NewDataset dataset, Instant now) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.of(
                    dataset.id(),
                    dataset.ownerId(),
                    dataset.name(),
                    dataset.format(),
                    dataset.delimiter(),
                    dataset.declaredSize(),
                    dataset.declaredSha256(),
                    dataset.columnTypes())
                .addValue(io.vertx.core.buffer.Buffer.buffer(dataset.tokenHash()))
                .addValue(at(dataset.expiresAt()))
                .addValue(at(now)))
        .map(rows -> DatasetRows.toJson(rows.iterator().next()));
  }

  Future<Optional<JsonObject>> find(UUID id, UUID scope) {
    return first(FIND, Tuple.of(id, scope), DatasetRows::toJson);
  }

  /** The dataset with its profile, as {@code GET /datasets/{id}} shows it. */
  Future<Optional<JsonObject>> findWithProfile(UUID id, UUID scope) {
    return first(FIND_WITH_PROFILE, Tuple.of(id, scope), DatasetRows::toJsonWithProfile);
  }

  Future<JsonObject> list(UUID scope, String status, String name, PageRequest page) {
    Tuple values =
        Tuple.of(scope, status, name, page.afterTime("created_at"), page.afterId())
            .addInteger(page.limit() + 1);
    return pool.preparedQuery(LIST)
        .execute(values)
        .map(
            rows -> {
              List<JsonObject> items = new ArrayList<>();
              rows.forEach(row -> items.add(DatasetRows.toJson(row)));
              return page.page(items, "created_at", "id");
            });
  }

  /** The dataset a live upload token opens, if any. */
  Future<Optional<JsonObject>> byUploadToken(byte[] tokenHash, Instant now) {
    return first(
        BY_TOKEN,
        Tuple.of(io.vertx.core.buffer.Buffer.buffer(tokenHash), at(now)),
        DatasetRows::toJson);
  }

  /**
   * Moves a dataset from one of {@code from} to {@code processing} under ingest job {@code jobId};
   * empty when it is not in one of those states (or not the caller's).
   */
  Future<Optional<JsonObject>> startIngest(
      UUID id,
      UUID scope,
      UUID jobId,
      JsonObject columnTypes,
      Long sizeBytes,
      List<String> from,
      Instant now) {
    return first(
        START_INGEST,
        Tuple.of(id, scope, jobId, columnTypes, sizeBytes, at(now))
            .addArrayOfString(from.toArray(String[]::new)),
        DatasetRows::toJson);
  }

  /** Records a finished ingest; false when the dataset no longer waits for this job. */
  Future<Boolean> ready(UUID jobId, JsonObject profile, JsonArray schema, Instant now) {
    return pool.preparedQuery(READY)
        .execute(
            Tuple.of(
                    jobId,
                    profile.getLong("bytes"),
                    profile.getString("sha256"),
                    profile.getLong("rows"),
                    profile.getInteger("columns"),
                    schema,
                    profile)
                .addValue(at(now)))
        .map(rows -> rows.size() == 1);
  }

  Future<Boolean> failed(UUID jobId, String reason, Instant now) {
    return pool.preparedQuery(FAILED)
        .execute(Tuple.of(jobId, reason, at(now)))
        .map(rows -> rows.size() == 1);
  }

  /** The dataset waiting for ingest job {@code jobId}, if one still does. */
  Future<Optional<PendingIngest>> pending(UUID jobId) {
    return first(PROCESSING_JOB, Tuple.of(jobId), PendingIngest::from);
  }

  /** Datasets processing since before {@code before}: their job may have ended unannounced. */
  Future<List<PendingIngest>> staleProcessing(Instant before, int limit) {
    return pool.preparedQuery(STALE_PROCESSING)
        .execute(Tuple.of(at(before), limit))
        .map(rows -> collect(rows, PendingIngest::from));
  }

  /** Hides the dataset and marks its bytes for deletion; false when not found or not deletable. */
  Future<Boolean> markDeleting(UUID id, UUID scope, Instant now) {
    return pool.preparedQuery(MARK_DELETING)
        .execute(Tuple.of(id, scope, at(now)))
        .map(rows -> rows.size() == 1);
  }

  Future<Void> purge(UUID id) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(id)).mapEmpty();
  }

  /** Datasets marked for deletion before {@code before} whose bytes are still to be dropped. */
  Future<List<UUID>> deleting(Instant before, int limit) {
    return pool.preparedQuery(DELETING)
        .execute(Tuple.of(at(before), limit))
        .map(rows -> collect(rows, row -> row.getUUID("id")));
  }

  /** Fails uploads whose URL expired; answers their ids, whose staged bytes are to be dropped. */
  Future<List<UUID>> expireUploads(Instant now, int limit) {
    return pool.preparedQuery(EXPIRE_UPLOADS)
        .execute(Tuple.of(at(now), limit))
        .map(rows -> collect(rows, row -> row.getUUID("id")));
  }

  /** Forgets a one-shot upload that failed before it was acknowledged. */
  Future<Void> cancelUpload(UUID id) {
    return pool.preparedQuery(CANCEL_UPLOAD).execute(Tuple.of(id)).mapEmpty();
  }

  private <T> Future<Optional<T>> first(String sql, Tuple values, Function<Row, T> mapper) {
    return pool.preparedQuery(sql)
        .execute(values)
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.<T>empty()
                    : Optional.of(mapper.apply(rows.iterator().next())));
  }

  private static <T> List<T> collect(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> list = new ArrayList<>();
    rows.forEach(row -> list.add(mapper.apply(row)));
    return list;
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
