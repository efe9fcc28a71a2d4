package io.synthos.ml.data;

import io.synthos.ml.data.columns.ColumnFilesWriter;
import io.synthos.ml.data.ingest.ColumnType;
import io.synthos.ml.data.ingest.DatasetIngestor;
import io.synthos.ml.data.ingest.DatasetProfile;
import io.synthos.ml.data.ingest.IngestException;
import io.synthos.ml.data.ingest.IngestLimits;
import io.synthos.ml.data.ingest.IngestOptions;
import io.synthos.ml.data.ingest.SourceFormat;
import io.synthos.ml.data.ingest.TypedRows;
import io.synthos.proto.v1.IngestReply;
import io.synthos.proto.v1.IngestRequest;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Ingest: profiles a committed original, then writes its typed columnar copy in a second pass (the
 * final column types are known only at the end of the first), into a private directory that is
 * published atomically with the profile.
 */
final class DatasetIngestion {

  private final DatasetStorage storage;
  private final Supplier<WorkerExecutor> workers;
  private final DatasetLocks busy;
  private final IngestLimits limits;

  DatasetIngestion(
      DatasetStorage storage,
      Supplier<WorkerExecutor> workers,
      DatasetLocks busy,
      IngestLimits limits) {
    this.storage = storage;
    this.workers = workers;
    this.busy = busy;
    this.limits = limits;
  }

  Future<IngestReply> ingest(IngestRequest request) {
    return DatasetIds.parse(request.getDatasetId())
        .compose(id -> options(request).compose(options -> run(id, options.withLimits(limits))))
        .map(json -> IngestReply.newBuilder().setProfileJson(json).build());
  }

  private Future<String> run(UUID id, IngestOptions options) {
    // Unordered: ingests of different datasets run in parallel on the pool.
    return busy.exclusive(
        id,
        () ->
            workers
                .get()
                .executeBlocking(() -> ingestBlocking(id, options), false)
                .recover(cause -> Failures.<String>toStatus(cause, "ingest of dataset " + id)));
  }

  private String ingestBlocking(UUID id, IngestOptions options) throws IOException {
    InputStream original;
    try {
      original = storage.openOriginal(id);
    } catch (NoSuchFileException missing) {
      throw new StatusException(
          GrpcStatus.NOT_FOUND, "dataset " + id + " is not stored: upload and commit it first");
    }
    Path directory;
    try (InputStream in = original) {
      directory = storage.newIngestDirectory(id);
      try {
        return ingestInto(id, directory, in, options);
      } catch (IOException | RuntimeException e) {
        storage.discardIngest(directory);
        throw e;
      }
    }
  }

  /**
   * Profiles {@code in} and writes the typed copy on the way; when a column changed type late (or
   * appeared mid-file), writes the copy again in a second pass, typed finally.
   */
  private String ingestInto(UUID id, Path directory, InputStream in, IngestOptions options)
      throws IOException {
    ColumnFilesWriter[] copy = new ColumnFilesWriter[1];
    DatasetIngestor.Ingested ingested;
    try {
      ingested =
          DatasetIngestor.ingest(
              in,
              options,
              (names, types) -> copy[0] = new ColumnFilesWriter(directory, names, types));
    } catch (IngestException bad) {
      throw new StatusException(GrpcStatus.INVALID_ARGUMENT, bad.getMessage());
    } finally {
      if (copy[0] != null) {
        copy[0].close();
      }
    }
    DatasetProfile profile = ingested.profile();
    if (ingested.copied()) {
      copy[0].finish(profile);
    } else {
      if (copy[0] != null) {
        copy[0].discard();
      }
      try (InputStream again = storage.openOriginal(id);
          ColumnFilesWriter columns = new ColumnFilesWriter(directory, profile)) {
        TypedRows.read(again, profile, columns);
        columns.finish();
      }
    }
    String json = profile.toJson().encode();
    Files.writeString(directory.resolve("profile.json"), json);
    storage.publishIngest(id, directory);
    return json;
  }

  private static Future<IngestOptions> options(IngestRequest request) {
    SourceFormat format =
        switch (request.getFormat().toLowerCase(Locale.ROOT)) {
          case "csv" -> SourceFormat.CSV;
          case "tsv" -> SourceFormat.TSV;
          case "jsonl" -> SourceFormat.JSON_LINES;
          default -> null;
        };
    if (format == null) {
      return Failures.status(
          GrpcStatus.INVALID_ARGUMENT,
          "format must be csv, tsv or jsonl, got '" + request.getFormat() + "'");
    }
    String delimiter = request.getDelimiter();
    if (delimiter.length() > 1) {
      return Failures.status(
          GrpcStatus.INVALID_ARGUMENT,
          "delimiter must be a single character, got '" + delimiter + "'");
    }
    Map<String, ColumnType> overrides = new HashMap<>();
    for (Map.Entry<String, String> e : request.getColumnTypesMap().entrySet()) {
      ColumnType type = type(e.getValue());
      if (type == null) {
        return Failures.status(
            GrpcStatus.INVALID_ARGUMENT,
            "column_types[\""
                + e.getKey()
                + "\"] must be integer, float, boolean, datetime, categorical or text, got '"
                + e.getValue()
                + "'");
      }
      overrides.put(e.getKey(), type);
    }
    IngestOptions options = IngestOptions.of(format).withOverrides(overrides);
    return Future.succeededFuture(
        delimiter.isEmpty() ? options : options.withDelimiter(delimiter.charAt(0)));
  }

  private static ColumnType type(String name) {
    for (ColumnType type : ColumnType.values()) {
      if (type.jsonName().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
