package io.synthos.ml.data;

import io.synthos.ml.common.GrpcServiceVerticle;
import io.synthos.ml.common.ServiceSettings;
import io.synthos.ml.data.ingest.IngestLimits;
import io.synthos.proto.v1.ColumnBatch;
import io.synthos.proto.v1.CommitRequest;
import io.synthos.proto.v1.DataGrpcService;
import io.synthos.proto.v1.DatasetChunk;
import io.synthos.proto.v1.DatasetInfo;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.DatasetStat;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.IngestReply;
import io.synthos.proto.v1.IngestRequest;
import io.synthos.proto.v1.ReadColumnsRequest;
import io.synthos.proto.v1.ReadDatasetRequest;
import io.synthos.proto.v1.ServiceInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.Service;
import java.util.List;
import java.util.UUID;

/**
 * The data service ({@code synthos.v1.Data}): owns dataset bytes under {@code dataDir}, their
 * profile and their typed columnar copy.
 *
 * <p>Deployment config: {@code dataDir} (required), {@code maxUploadBytes} (default 10 GiB), {@code
 * maxColumns} and {@code maxLineChars} (the ingest's caps, defaults in {@link IngestLimits}) plus
 * the keys of {@link ServiceSettings}.
 */
public class DataServiceVerticle extends GrpcServiceVerticle {

  /** The default cap on one dataset's uploaded bytes. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L << 30;

  public DataServiceVerticle() {
    super(
        "data",
        List.of("ingest", "schema", "profile", "read-columns", "read-dataset", "delete-dataset"));
  }

  @Override
  protected Service createService() {
    long maxUploadBytes = maxUploadBytes(config());
    DatasetStorage storage =
        new LocalDatasetStorage(
            vertx.fileSystem(), ServiceSettings.string(config(), "dataDir", null), this::workers);
    DatasetLocks busy = new DatasetLocks();
    DatasetUploads uploads = new DatasetUploads(storage, maxUploadBytes, busy);
    DatasetIngestion ingestion =
        new DatasetIngestion(storage, this::workers, busy, ingestLimits(config()));
    ColumnStreaming columns = new ColumnStreaming(storage, this::workers);
    DatasetDownloads downloads = new DatasetDownloads(storage);
    return new DataGrpcService() {
      @Override
      public Future<ServiceInfo> describe(DescribeRequest request) {
        return Future.succeededFuture(serviceInfo());
      }

      @Override
      public Future<DatasetStat> stat(DatasetRef request) {
        return DatasetIds.parse(request.getDatasetId())
            .compose(
                id ->
                    storage
                        .stat(id)
                        .compose(
                            stat ->
                                storage
                                    .stagedBytes(id)
                                    .map(
                                        staged ->
                                            stat.toBuilder().setStagedBytes(staged).build())));
      }

      @Override
      public Future<DatasetStat> writeDataset(ReadStream<DatasetChunk> chunks) {
        return uploads.write(chunks).recover(cause -> Failures.toStatus(cause, "upload"));
      }

      @Override
      public Future<DatasetStat> commitDataset(CommitRequest request) {
        return DatasetIds.parse(request.getDatasetId())
            .compose(
                id -> busy.exclusive(id, () -> storage.commit(id, request.getExpectedSha256())))
            .recover(cause -> Failures.toStatus(cause, "commit"));
      }

      @Override
      public Future<DatasetStat> abortDataset(DatasetRef request) {
        return DatasetIds.parse(request.getDatasetId())
            .compose(
                id ->
                    busy.exclusive(
                        id, () -> storage.deleteStaging(id).compose(gone -> storage.stat(id))));
      }

      @Override
      protected void readDataset(ReadDatasetRequest request, WriteStream<DatasetChunk> response) {
        // The generated default drops failures of the returned stream: drive the response here.
        downloads.read(request, (GrpcServerResponse<?, DatasetChunk>) response);
      }

      @Override
      public Future<DatasetStat> deleteDataset(DatasetRef request) {
        return DatasetIds.parse(request.getDatasetId())
            .compose(
                id ->
                    busy.exclusive(id, () -> storage.delete(id).compose(gone -> storage.stat(id))))
            .recover(cause -> Failures.toStatus(cause, "delete"));
      }

      @Override
      public Future<IngestReply> ingest(IngestRequest request) {
        return ingestion.ingest(request);
      }

      @Override
      public Future<DatasetInfo> getDataset(DatasetRef request) {
        return DatasetIds.parse(request.getDatasetId()).compose(id -> info(storage, id));
      }

      @Override
      protected void readColumns(ReadColumnsRequest request, WriteStream<ColumnBatch> response) {
        // The generated default drops failures of the returned stream: drive the response here.
        columns.read(request, (GrpcServerResponse<?, ColumnBatch>) response);
      }
    };
  }

  private static Future<DatasetInfo> info(DatasetStorage storage, UUID id) {
    return storage
        .stat(id)
        .compose(
            stat ->
                storage
                    .profileJson(id)
                    .map(
                        profile ->
                            DatasetInfo.newBuilder()
                                .setDatasetId(id.toString())
                                .setStored(stat.getStored())
                                .setSizeBytes(stat.getSizeBytes())
                                .setIngested(profile.isPresent())
                                .setProfileJson(profile.orElse(""))
                                .build()))
        .recover(cause -> Failures.toStatus(cause, "reading dataset " + id));
  }

  /** The default limits, with {@code maxColumns} and {@code maxLineChars} from config if set. */
  private static IngestLimits ingestLimits(JsonObject config) {
    IngestLimits defaults = IngestLimits.defaults();
    int columns = positive(config, "maxColumns", defaults.maxColumns());
    int lineChars = positive(config, "maxLineChars", defaults.maxLineChars());
    return new IngestLimits(
        columns,
        lineChars,
        // A quoted field may span lines: a record gets eight lines' worth.
        (int) Math.min(Integer.MAX_VALUE - 8, 8L * lineChars),
        defaults.inferenceRows(),
        defaults.inferenceCells(),
        defaults.maxDistinct(),
        defaults.maxExactValues());
  }

  private static int positive(JsonObject config, String key, int fallback) {
    Object value = config.getValue(key, fallback);
    if (value instanceof Number number
        && number.doubleValue() == number.intValue()
        && number.intValue() > 0) {
      return number.intValue();
    }
    throw new IllegalArgumentException("config '" + key + "' must be a positive integer");
  }

  private static long maxUploadBytes(JsonObject config) {
    Object value = config.getValue("maxUploadBytes", DEFAULT_MAX_UPLOAD_BYTES);
    if (value instanceof Number number
        && number.doubleValue() == number.longValue()
        && number.longValue() > 0) {
      return number.longValue();
    }
    throw new IllegalArgumentException("config 'maxUploadBytes' must be a positive integer");
  }
}
