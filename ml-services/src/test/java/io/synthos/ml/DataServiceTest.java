package io.synthos.ml;

import static io.synthos.ml.GrpcTestKit.await;

import io.synthos.ml.data.DataCalls;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gRPC tests of the ML services share: a real data service storing under a temporary
 * directory, calls under a computation's deadline ({@link GrpcTestKit#WORK_DEADLINE}), since
 * ingesting and analysing are computations, and datasets stored in one call.
 */
@ExtendWith(VertxExtension.class)
public abstract class DataServiceTest {

  @TempDir protected Path dataDir;

  /** Calls the services under a computation's deadline, with the services' credential. */
  protected GrpcClient grpc;

  /** Raw calls to the data service, keeping each status message. */
  protected DataCalls data;

  /** The data service's port. */
  protected int dataPort;

  @BeforeEach
  void deployDataService(Vertx vertx) throws Exception {
    grpc = GrpcTestKit.workClient(vertx);
    dataPort = await(GrpcTestKit.deployDataService(vertx, dataDir));
    data = new DataCalls(grpc, dataPort);
  }

  /** Uploads, commits and ingests {@code csv} under a new id; answers the id. */
  protected String stored(String csv) throws Exception {
    String id = UUID.randomUUID().toString();
    await(data.store(id, csv));
    return id;
  }
}
