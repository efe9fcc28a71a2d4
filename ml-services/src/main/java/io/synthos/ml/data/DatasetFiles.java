package io.synthos.ml.data;

import io.synthos.proto.v1.DatasetStat;
import io.vertx.core.Future;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystem;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset files under the data directory: {@code <dataDir>/datasets/<uuid>/original} holds the
 * bytes as uploaded.
 */
final class DatasetFiles {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetFiles.class);

  private final FileSystem fileSystem;
  private final Path datasets;

  DatasetFiles(FileSystem fileSystem, String dataDir) {
    this.fileSystem = fileSystem;
    this.datasets = Path.of(dataDir, "datasets");
  }

  /** Whether the original bytes of a dataset are stored, and how many there are. */
  Future<DatasetStat> stat(UUID id) {
    String original = datasets.resolve(id.toString()).resolve("original").toString();
    // One props call instead of exists-then-props: a file removed in between is simply missing.
    return fileSystem
        .props(original)
        .map(props -> stored(id, props))
        .recover(
            cause ->
                isMissing(cause) ? Future.succeededFuture(missing(id)) : unreadable(id, cause));
  }

  private static DatasetStat stored(UUID id, FileProps props) {
    if (!props.isRegularFile()) {
      return missing(id);
    }
    return DatasetStat.newBuilder()
        .setDatasetId(id.toString())
        .setStored(true)
        .setSizeBytes(props.size())
        .build();
  }

  private static DatasetStat missing(UUID id) {
    return DatasetStat.newBuilder().setDatasetId(id.toString()).setStored(false).build();
  }

  private static boolean isMissing(Throwable cause) {
    return cause instanceof NoSuchFileException || cause.getCause() instanceof NoSuchFileException;
  }

  private static Future<DatasetStat> unreadable(UUID id, Throwable cause) {
    // The cause names server paths: log it here, tell the caller only which dataset failed.
    LOG.warn("data service: cannot read dataset {}", id, cause);
    return Future.failedFuture(
        new StatusException(GrpcStatus.INTERNAL, "cannot read dataset " + id));
  }
}
