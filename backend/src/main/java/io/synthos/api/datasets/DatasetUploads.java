package io.synthos.api.datasets;

import io.synthos.auth.Principal;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.synthos.proto.v1.DatasetStat;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The upload flow: initiate (a record and an upload URL whose token is the only credential), the
 * bytes (streamed to the data service, resumable at the bytes received), complete (commit, then
 * ingest), and the one-shot upload that does all three for curl users.
 */
final class DatasetUploads {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DatasetStore store;
  private final DataServiceClient data;
  private final DatasetIngests ingests;
  private final UploadPipe pipe;
  private final long maxBytes;
  private final Duration urlTtl;
  private final Clock clock;

  DatasetUploads(
      DatasetStore store,
      DataServiceClient data,
      DatasetIngests ingests,
      long maxBytes,
      Duration urlTtl,
      Clock clock) {
    this.store = store;
    this.data = data;
    this.ingests = ingests;
    this.pipe = new UploadPipe(data);
    this.maxBytes = maxBytes;
    this.urlTtl = urlTtl;
    this.clock = clock;
  }

  long maxBytes() {
    return maxBytes;
  }

  /**
   * A record in {@code uploading} and the token of its upload URL (returned once, stored hashed).
   */
  Future<Initiated> initiate(Principal caller, UploadRequest request) {
    if (request.sizeBytes() != null && request.sizeBytes() > maxBytes) {
      return Future.failedFuture(UploadPipe.tooLarge(maxBytes));
    }
    String token = newToken();
    Instant expires = clock.instant().plus(urlTtl);
    NewDataset dataset =
        new NewDataset(
            UUID.randomUUID(),
            caller.userId(),
            request.name(),
            request.format(),
            request.delimiter(),
            request.sizeBytes(),
            request.sha256(),
            request.columnTypes(),
            hash(token),
            expires);
    return store
        .create(dataset, clock.instant())
        .map(created -> new Initiated(created, token, expires));
  }

  /** The dataset a live upload token opens; 404 when unknown or expired. */
  Future<JsonObject> opened(String token) {
    return store
        .byUploadToken(hash(token), clock.instant())
        .compose(found -> found.map(Future::succeededFuture).orElseGet(DatasetUploads::noUpload));
  }

  /** Bytes received so far for the dataset: what a resumed upload starts after. */
  Future<Long> received(UUID id) {
    return data.stat(id).map(DatasetStat::getStagedBytes);
  }

  /**
   * Receives bytes for an open upload from {@code offset} (0 starts over). The body stays paused
   * until the offset is known to be right.
   */
  Future<Long> receive(JsonObject dataset, long offset, ReadStream<Buffer> body) {
    UUID id = UUID.fromString(dataset.getString("id"));
    Long declared = dataset.getLong("declared_size_bytes");
    long limit = declared == null ? maxBytes : Math.min(maxBytes, declared);
    return received(id)
        .compose(
            staged -> {
              if (offset == 0 && staged > 0) {
                return data.abort(id).map(0L);
              }
              if (offset != staged) {
                return Future.failedFuture(offsetMismatch(offset, staged));
              }
              return Future.succeededFuture(staged);
            })
        .compose(start -> pipe.pipe(id, start, body, limit))
        .map(DatasetStat::getSizeBytes)
        .recover(failure -> explainWrite(failure, id, limit));
  }

  /** Commits the uploaded bytes and starts their ingestion; the dataset must be uploading. */
  Future<JsonObject> complete(UUID id, UUID scope) {
    return store
        .find(id, scope)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(DatasetRoutes::notFound))
        .compose(
            dataset -> {
              if (!"uploading".equals(dataset.getString("status"))) {
                return Future.failedFuture(
                    ProblemType.NOT_UPLOADING.exception(
                        "The dataset is "
                            + dataset.getString("status")
                            + "; only an upload in progress can be completed."));
              }
              return commit(dataset).compose(size -> ingest(dataset, size));
            });
  }

  /**
   * The one-shot upload: a record, the body, the commit and the ingest in one request. A failure
   * before the answer leaves nothing behind.
   */
  Future<JsonObject> oneShot(Principal caller, UploadRequest request, ReadStream<Buffer> body) {
    return initiate(caller, request)
        .compose(
            initiated -> {
              JsonObject dataset = initiated.dataset();
              UUID id = UUID.fromString(dataset.getString("id"));
              return receive(dataset, 0, body)
                  .compose(received -> commit(dataset))
                  .compose(size -> ingest(dataset, size))
                  .recover(
                      failure ->
                          data.abort(id)
                              .otherwiseEmpty()
                              .compose(aborted -> store.cancelUpload(id))
                              .transform(cleaned -> Future.failedFuture(failure)));
            });
  }

  private Future<Long> commit(JsonObject dataset) {
    UUID id = UUID.fromString(dataset.getString("id"));
    Long declared = dataset.getLong("declared_size_bytes");
    return received(id)
        .compose(
            staged -> {
              if (staged == 0) {
                return data.stat(id)
                    .compose(
                        stat ->
                            stat.getStored()
                                ? Future.succeededFuture(stat.getSizeBytes())
                                : Future.failedFuture(
                                    ProblemType.NOTHING_UPLOADED.exception(
                                        "No bytes were uploaded; PUT them to the upload URL"
                                            + " first.")));
              }
              if (declared != null && staged.longValue() != declared) {
                return Future.failedFuture(
                    ProblemType.SIZE_MISMATCH.exception(
                        "The upload holds "
                            + staged
                            + " bytes but "
                            + declared
                            + " were declared; resume it or start over."));
              }
              return data.commit(id, dataset.getString("declared_sha256"))
                  .map(DatasetStat::getSizeBytes);
            })
        .recover(
            failure ->
                failure instanceof DataServiceException e
                        && e.status() == GrpcStatus.INVALID_ARGUMENT
                    ? Future.failedFuture(
                        ProblemType.CHECKSUM_MISMATCH.exception(
                            "The uploaded bytes do not match the declared sha256; start the"
                                + " upload over."))
                    : Future.failedFuture(failure));
  }

  private Future<JsonObject> ingest(JsonObject dataset, long size) {
    UUID id = UUID.fromString(dataset.getString("id"));
    return ingests.start(
        id,
        UUID.fromString(dataset.getString("owner_id")),
        dataset.getJsonObject("column_types"),
        size,
        List.of("uploading"),
        () -> ProblemType.NOT_UPLOADING.exception("The upload was completed by another request."));
  }

  private Future<Long> explainWrite(Throwable failure, UUID id, long limit) {
    if (failure instanceof DataServiceException e) {
      if (e.status() == GrpcStatus.RESOURCE_EXHAUSTED) {
        return Future.failedFuture(UploadPipe.tooLarge(limit));
      }
      if (e.status() == GrpcStatus.FAILED_PRECONDITION || e.status() == GrpcStatus.ALREADY_EXISTS) {
        return received(id).compose(staged -> Future.failedFuture(offsetMismatch(-1, staged)));
      }
    }
    if (failure instanceof ProblemException problem && problem.problem().status() == 413) {
      // Bytes beyond the limit are refused, and so is what came before them.
      return data.abort(id).otherwiseEmpty().compose(aborted -> Future.failedFuture(failure));
    }
    return Future.failedFuture(failure);
  }

  private static ProblemException offsetMismatch(long offset, long staged) {
    String detail =
        (offset < 0
                ? "Another upload changed the bytes received."
                : "The upload resumes at byte " + offset + ",")
            + " but "
            + staged
            + " bytes were received: resume at byte "
            + staged
            + " (Content-Range: bytes "
            + staged
            + "-…), or send the whole file without Content-Range to start over.";
    return ProblemType.UPLOAD_OFFSET_MISMATCH.exception(
        detail, Map.of("Upload-Offset", String.valueOf(staged)));
  }

  static <T> Future<T> noUpload() {
    return Future.failedFuture(
        ProblemType.UPLOAD_NOT_FOUND.exception(
            "No upload is open at this URL: it never existed, was completed, or expired."));
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** A created upload: the record, the token of its URL, and when the URL expires. */
  record Initiated(JsonObject dataset, String token, Instant expiresAt) {}

  /** What a client says about an upload before sending it. */
  record UploadRequest(
      String name,
      String format,
      String delimiter,
      Long sizeBytes,
      String sha256,
      JsonObject columnTypes) {

    /** The format named, or the one the name's extension suggests (CSV by default). */
    static String formatFor(String format, String name) {
      if (format != null) {
        return format;
      }
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
        return "tsv";
      }
      if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
        return "jsonl";
      }
      return "csv";
    }
  }
}
