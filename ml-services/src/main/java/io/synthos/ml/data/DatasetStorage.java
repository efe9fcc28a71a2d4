package io.synthos.ml.data;

import io.synthos.proto.v1.DatasetStat;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the data service keeps dataset bytes and what it derives from them. Ids are checked UUIDs
 * ({@link DatasetIds}), so an implementation never sees a caller's raw text.
 *
 * <p>The upload lifecycle is asynchronous (event-loop safe). Ingestion works on a local directory
 * through the blocking methods, which run on worker threads only: an object-store implementation
 * would stream the original from the store and keep the derived files in a local cache.
 */
interface DatasetStorage {

  /** Whether the committed original is stored, and its size. */
  Future<DatasetStat> stat(UUID id);

  /** Bytes staged by an unfinished upload; 0 when there is none. */
  Future<Long> stagedBytes(UUID id);

  /** A stream that writes staged bytes from {@code offset} on; the caller ends it. */
  Future<WriteStream<Buffer>> openStaging(UUID id, long offset);

  /** Removes the staged bytes, if any. */
  Future<Void> deleteStaging(UUID id);

  /**
   * Publishes the staged bytes as the dataset's immutable original, after checking their SHA-256
   * when {@code expectedSha256} is not empty. Fails with gRPC {@code ALREADY_EXISTS} when already
   * committed, {@code FAILED_PRECONDITION} when nothing is staged, {@code INVALID_ARGUMENT} on a
   * checksum mismatch (the staged bytes are kept).
   */
  Future<DatasetStat> commit(UUID id, String expectedSha256);

  /**
   * The committed original, opened read-only for streaming; the caller closes it. Fails with gRPC
   * {@code NOT_FOUND} when not committed.
   */
  Future<AsyncFile> readOriginal(UUID id);

  /**
   * Removes everything stored for the dataset: staged bytes, original and every ingest. Succeeds
   * when nothing was stored.
   */
  Future<Void> delete(UUID id);

  /** The profile JSON of the current ingest, or empty when the dataset was never ingested. */
  Future<Optional<String>> profileJson(UUID id);

  /** Blocking: the committed original. @throws java.nio.file.NoSuchFileException if not stored */
  InputStream openOriginal(UUID id) throws IOException;

  /** Blocking: a fresh, private directory to write one ingest's files into. */
  Path newIngestDirectory(UUID id) throws IOException;

  /** Blocking: makes {@code directory} the current ingest in one atomic step, dropping the old. */
  void publishIngest(UUID id, Path directory) throws IOException;

  /** Blocking: removes an ingest directory that will not be published. */
  void discardIngest(Path directory);

  /** Blocking: the directory of the current ingest, or empty when never ingested. */
  Optional<Path> currentIngest(UUID id) throws IOException;
}
