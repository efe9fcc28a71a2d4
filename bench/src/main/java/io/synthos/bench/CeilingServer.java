package io.synthos.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling Synthos's reads are measured against (TechEmpower's "single query" style): a bare
 * Vert.x HTTP server on one event loop with one pipelined PostgreSQL connection, answering {@code
 * GET /api/v1/validations/{id}} with the row the product reads for that route (the same statement
 * on the same table of the same database: its columns and the report), encoded as JSON. No routing,
 * no authentication, no rate limit, no contract validation, no event-bus hop: what is left is the
 * HTTP server, one query and the JSON, the least any server on this machine can do.
 */
final class CeilingServer extends AbstractVerticle {

  /** The statement of {@code ValidationStore.FIND_WITH_REPORT}, scoped to the owner. */
  static final String QUERY =
      "SELECT id, owner_id, dataset_id, reference_dataset_id, holdout_dataset_id, generations,"
          + " request, priority, status, progress, stage, step, error, score, version, created_at,"
          + " updated_at, started_at, completed_at, report FROM validations"
          + " WHERE id = $1 AND ($2::uuid IS NULL OR owner_id = $2)";

  private static final String PREFIX = "/api/v1/validations/";

  private final PgConnectOptions options;
  private final UUID owner;
  private final int pipelining;
  private PgConnection connection;
  private HttpServer server;

  private CeilingServer(PgConnectOptions options, UUID owner, int pipelining) {
    this.options = options;
    this.owner = owner;
    this.pipelining = pipelining;
  }

  /** Deploys one instance on {@code vertx}; answers the port it listens on (loopback). */
  static int start(Vertx vertx, String database, UUID owner, int pipelining) throws Exception {
    CeilingServer ceiling =
        new CeilingServer(BenchSupport.pg(database).connectOptions(), owner, pipelining);
    vertx
        .deployVerticle(ceiling)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    return ceiling.server.actualPort();
  }

  @Override
  public void start(Promise<Void> started) {
    // One connection with pipelining and the statement parsed once, opened on this verticle's
    // event loop: the set-up of TechEmpower's Vert.x entry (Synthos's pools cache statements too).
    PgConnection.connect(
            vertx,
            new PgConnectOptions(options)
                .setPipeliningLimit(pipelining)
                .setCachePreparedStatements(true))
        .compose(
            opened -> {
              connection = opened;
              return listen();
            })
        .onSuccess(
            listening -> {
              server = listening;
              started.complete();
            })
        .onFailure(started::fail);
  }

  private io.vertx.core.Future<HttpServer> listen() {
    return vertx
        .createHttpServer()
        .requestHandler(
            request -> {
              String path = request.path();
              UUID id;
              try {
                id = UUID.fromString(path.substring(PREFIX.length()));
              } catch (RuntimeException notAnId) {
                request.response().setStatusCode(404).end();
                return;
              }
              connection
                  .preparedQuery(QUERY)
                  .execute(Tuple.of(id, owner))
                  .onComplete(
                      rows -> {
                        if (rows.failed()) {
                          request.response().setStatusCode(500).end();
                        } else if (rows.result().size() == 0) {
                          request.response().setStatusCode(404).end();
                        } else {
                          JsonObject json = json(rows.result().iterator().next());
                          request
                              .response()
                              .putHeader("Content-Type", "application/json")
                              .end(json.toBuffer());
                        }
                      });
            })
        .listen(0, "127.0.0.1");
  }

  /** The row as JSON: ids, times and arrays of ids as strings, JSON columns as they are. */
  private static JsonObject json(Row row) {
    JsonObject json = new JsonObject();
    for (int i = 0; i < row.size(); i++) {
      Object value = row.getValue(i);
      if (value instanceof Object[] array) {
        JsonArray items = new JsonArray();
        for (Object item : array) {
          items.add(String.valueOf(item));
        }
        value = items;
      } else if (value instanceof UUID || value instanceof java.time.temporal.Temporal) {
        value = value.toString();
      }
      json.put(row.getColumnName(i), value);
    }
    return json;
  }
}
