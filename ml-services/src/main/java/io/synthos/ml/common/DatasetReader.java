package io.synthos.ml.common;

import io.synthos.proto.v1.ColumnBatch;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.ReadColumnsRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every column of an ingested dataset from the data service ({@code ReadColumns}), the only
 * way the validation and collapse services see data. Values are gathered into arrays as the batches
 * arrive. Each read runs under a deadline, behind the data service's circuit breaker.
 */
public final class DatasetReader {

  /** The deadline of one read when the deployment config names none: a computation's own. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

  private final ClientFactory clients;
  private final RemoteService dataService;

  /** Reads through {@code dataService}, one of {@code clients}, which {@link #close} closes. */
  public DatasetReader(ClientFactory clients, RemoteService dataService) {
    this.clients = clients;
    this.dataService = dataService;
  }

  /**
   * A reader of the data service named by the deployment config's {@code dataService} (host:port),
   * calling with the config's {@code serviceSecret}, each read bounded by {@code
   * dataServiceDeadlineMs} (default {@link #DEFAULT_DEADLINE}), with clients of its own that {@link
   * #close} releases.
   *
   * @throws IllegalArgumentException when a setting is missing or wrong, or the address not
   *     host:port
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
    Duration deadline = ServiceSettings.millis(config, "dataServiceDeadlineMs", DEFAULT_DEADLINE);
    ClientFactory clients = ClientFactory.fromConfig(vertx, config);
    return new DatasetReader(
        clients,
        clients.service(
            "data", SocketAddress.inetSocketAddress(port, address.substring(0, colon)), deadline));
  }

  public Future<Void> close() {
    return clients.close();
  }

  /** The dataset's columns in file order; a data-service refusal keeps its status and words. */
  public Future<List<RawColumn>> read(String datasetId, String role) {
    ReadColumnsRequest request = ReadColumnsRequest.newBuilder().setDatasetId(datasetId).build();
    return dataService
        .call(DataGrpcClient.ReadColumns, call -> call.send(request).compose(DatasetReader::gather))
        .recover(failure -> Future.failedFuture(explain(failure, role)));
  }

  /**
   * The failure as this service's caller should see it: the data service's refusal (or this side's
   * deadline) about the dataset in {@code role}, NOT_FOUND being the caller's to fix; anything else
   * says the data service did not answer.
   */
  private static StatusException explain(Throwable failure, String role) {
    if (failure instanceof StatusException refused) {
      return new StatusException(
          refused.status() == GrpcStatus.NOT_FOUND
              ? GrpcStatus.FAILED_PRECONDITION
              : refused.status(),
          "the " + role + " dataset: " + refused.message());
    }
    return new StatusException(
        GrpcStatus.UNAVAILABLE,
        "the data service did not answer for the " + role + " dataset: " + failure.getMessage());
  }

  private static Future<List<RawColumn>> gather(
      GrpcClientResponse<ReadColumnsRequest, ColumnBatch> response) {
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
    response.exceptionHandler(done::tryFail);
    response.endHandler(
        ended -> {
          if (response.status() != null && response.status() != GrpcStatus.OK) {
            done.tryFail(new StatusException(response.status(), response.statusMessage()));
          } else {
            done.tryComplete(columns.stream().map(Gathered::column).toList());
          }
        });
    return done.future();
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
