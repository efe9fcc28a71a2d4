package io.synthos.ml.common;

import io.synthos.proto.v1.ColumnBatch;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.ReadColumnsRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every column of an ingested dataset from the data service ({@code ReadColumns}), the only
 * way the validation service sees data. Values are gathered into arrays as the batches arrive.
 */
public final class DatasetReader {

  private final GrpcClient grpc;
  private final SocketAddress dataService;
  private final ServiceCredential credential;

  public DatasetReader(GrpcClient grpc, SocketAddress dataService, ServiceCredential credential) {
    this.grpc = grpc;
    this.dataService = dataService;
    this.credential = credential;
  }

  /**
   * A reader of the data service named by the deployment config's {@code dataService} (host:port),
   * calling with the config's {@code serviceSecret}, with a client of its own that {@link #close}
   * releases.
   *
   * @throws IllegalArgumentException when a setting is missing, or the address not host:port
   */
  public static DatasetReader fromConfig(Vertx vertx, JsonObject config) {
    String address = ServiceSettings.string(config, "dataService", null);
    int colon = address == null ? -1 : address.lastIndexOf(':');
    int port;
    try {
      port = colon < 1 ? -1 : Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("config 'dataService' must be host:port");
    }
    return new DatasetReader(
        GrpcClient.client(vertx, ServiceTls.client(config)),
        SocketAddress.inetSocketAddress(port, address.substring(0, colon)),
        ServiceCredential.from(config));
  }

  public Future<Void> close() {
    return grpc.close();
  }

  /** The dataset's columns in file order; a data-service refusal keeps its status and words. */
  public Future<List<RawColumn>> read(String datasetId, String role) {
    return grpc.request(dataService, DataGrpcClient.ReadColumns)
        .map(credential::stamp)
        .compose(call -> call.send(ReadColumnsRequest.newBuilder().setDatasetId(datasetId).build()))
        .compose(response -> gather(response, role))
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof StatusException
                        ? failure
                        : new StatusException(
                            GrpcStatus.UNAVAILABLE,
                            "the data service did not answer for the "
                                + role
                                + " dataset: "
                                + failure.getMessage())));
  }

  private static Future<List<RawColumn>> gather(
      GrpcClientResponse<ReadColumnsRequest, ColumnBatch> response, String role) {
    Promise<List<RawColumn>> done = Promise.promise();
    List<Gathered> columns = new ArrayList<>();
    response.handler(
        batch -> {
          if (columns.isEmpty()) {
            batch
                .getColumnsList()
                .forEach(c -> columns.add(new Gathered(c.getName(), c.getType())));
          }
          for (int i = 0; i < batch.getColumnsCount(); i++) {
            columns.get(i).add(batch.getColumns(i));
          }
        });
    response.exceptionHandler(failure -> done.tryFail(refusal(response, role, failure)));
    response.endHandler(
        ended -> {
          if (response.status() != null && response.status() != GrpcStatus.OK) {
            done.tryFail(refusal(response, role, null));
          } else {
            done.tryComplete(columns.stream().map(Gathered::column).toList());
          }
        });
    return done.future();
  }

  private static Throwable refusal(
      GrpcClientResponse<?, ?> response, String role, Throwable failure) {
    GrpcStatus status = response.status();
    if (status == null || status == GrpcStatus.OK) {
      return failure;
    }
    // NOT_FOUND and the like are the caller's to fix; say which dataset it was about.
    return new StatusException(
        status == GrpcStatus.NOT_FOUND ? GrpcStatus.FAILED_PRECONDITION : status,
        "the " + role + " dataset: " + response.statusMessage());
  }

  /** One column's values so far, in growing arrays. */
  private static final class Gathered {

    private final String name;
    private final String type;
    private final boolean numeric;
    private double[] numbers;
    private String[] strings;
    private int size;

    Gathered(String name, String type) {
      this.name = name;
      this.type = type;
      this.numeric = !type.equals("categorical") && !type.equals("text");
      this.numbers = numeric ? new double[1024] : null;
      this.strings = numeric ? null : new String[1024];
    }

    void add(io.synthos.proto.v1.Column batch) {
      int count = numeric ? batch.getNumbersCount() : batch.getStringsCount();
      ensure(size + count);
      for (int i = 0; i < count; i++) {
        boolean present = i >= batch.getPresentCount() || batch.getPresent(i);
        if (numeric) {
          numbers[size + i] = present ? batch.getNumbers(i) : Double.NaN;
        } else {
          strings[size + i] = present ? batch.getStrings(i) : null;
        }
      }
      size += count;
    }

    private void ensure(int capacity) {
      int length = numeric ? numbers.length : strings.length;
      if (capacity <= length) {
        return;
      }
      int grown = Math.max(capacity, length * 2);
      if (numeric) {
        numbers = Arrays.copyOf(numbers, grown);
      } else {
        strings = Arrays.copyOf(strings, grown);
      }
    }

    RawColumn column() {
      return numeric
          ? new RawColumn(name, type, Arrays.copyOf(numbers, size), null)
          : new RawColumn(name, type, null, Arrays.copyOf(strings, size));
    }
  }
}
