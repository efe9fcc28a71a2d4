package io.synthos.ml.data;

import io.synthos.ml.common.GrpcServiceVerticle;
import io.synthos.ml.common.ServiceSettings;
import io.synthos.proto.v1.DataGrpcService;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.DatasetStat;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.ServiceInfo;
import io.vertx.core.Future;
import io.vertx.grpc.server.Service;
import java.util.List;

/**
 * The data service ({@code synthos.v1.Data}): owns dataset bytes under {@code dataDir} and, in
 * time, their columnar copy, schema and profile.
 *
 * <p>Deployment config: {@code dataDir} (required) plus the keys of {@link ServiceSettings}.
 */
public class DataServiceVerticle extends GrpcServiceVerticle {

  public DataServiceVerticle() {
    super("data", List.of("ingest", "schema", "profile", "read-columns"));
  }

  @Override
  protected Service createService() {
    DatasetFiles files =
        new DatasetFiles(vertx.fileSystem(), ServiceSettings.string(config(), "dataDir", null));
    return new DataGrpcService() {
      @Override
      public Future<ServiceInfo> describe(DescribeRequest request) {
        return Future.succeededFuture(serviceInfo());
      }

      @Override
      public Future<DatasetStat> stat(DatasetRef request) {
        return DatasetIds.parse(request.getDatasetId()).compose(files::stat);
      }
    };
  }
}
