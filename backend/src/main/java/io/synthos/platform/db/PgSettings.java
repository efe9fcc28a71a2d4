package io.synthos.platform.db;

import io.synthos.platform.config.Secret;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.ClientBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;

/** Turns a {@code DATABASE_URL} into the connection settings each client needs. */
public final class PgSettings {

  private static final int CONNECT_TIMEOUT_SECONDS = 5;

  /** How many queries may wait for each connection of a pool before it refuses more. */
  public static final int WAITERS_PER_CONNECTION = 32;

  private final PgConnectOptions options;

  private PgSettings(PgConnectOptions options) {
    this.options = options;
  }

  public static PgSettings fromUrl(Secret url) {
    return new PgSettings(PgConnectOptions.fromUri(url.value()));
  }

  /** A non-blocking pool for a verticle; it connects lazily and reconnects on its own. */
  public Pool pool(Vertx vertx, int maxSize) {
    return pool(vertx, new PoolOptions().setMaxSize(maxSize));
  }

  /**
   * The same, named: the name labels its metrics ({@code pool_name}); unnamed pools would all be
   * {@code __vertx.DEFAULT}, and only the first of them would be measured.
   */
  public Pool pool(Vertx vertx, String name, int maxSize) {
    return pool(vertx, new PoolOptions().setMaxSize(maxSize).setName(name));
  }

  /**
   * One pool named {@code name} shared by every instance of a verticle, so that N instances hold
   * {@code maxSize} connections, not N times as many. It closes with the last instance.
   */
  public Pool sharedPool(Vertx vertx, String name, int maxSize) {
    return pool(vertx, new PoolOptions().setMaxSize(maxSize).setShared(true).setName(name));
  }

  private Pool pool(Vertx vertx, PoolOptions poolOptions) {
    return configured(PgBuilder.pool(), vertx, poolOptions);
  }

  private <C> C configured(ClientBuilder<C> builder, Vertx vertx, PoolOptions poolOptions) {
    return builder
        .with(
            poolOptions
                .setConnectionTimeout(CONNECT_TIMEOUT_SECONDS)
                // Beyond this many waiting queries the pool refuses at once (a fast 503) rather
                // than letting requests pile up until they time out.
                .setMaxWaitQueueSize(poolOptions.getMaxSize() * WAITERS_PER_CONNECTION))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_SECONDS * 1000))
        // Every query here is prepared with a fixed text: parse each once per connection.
        .connectingTo(new PgConnectOptions(options).setCachePreparedStatements(true))
        .using(vertx)
        .build();
  }

  /**
   * A client for single statements, shared by every instance of a verticle: each of its {@code
   * maxSize} connections carries many statements at once (pipelined), so a burst of small reads
   * costs PostgreSQL a few round trips instead of one each. No transactions: use a pool for those.
   */
  public SqlClient sharedPipelinedClient(Vertx vertx, String name, int maxSize) {
    return configured(
        PgBuilder.client(),
        vertx,
        new PoolOptions().setMaxSize(maxSize).setShared(true).setName(name));
  }

  /** The connection settings, for clients other than pools (LISTEN/NOTIFY). */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(options);
  }

  /** The JDBC URL that Flyway uses at start-up, with a short connect timeout. */
  public String jdbcUrl() {
    StringBuilder url =
        new StringBuilder("jdbc:postgresql://")
            .append(options.getHost())
            .append(':')
            .append(options.getPort())
            .append('/')
            .append(options.getDatabase())
            .append("?connectTimeout=")
            .append(CONNECT_TIMEOUT_SECONDS);
    if (options.getSslMode() != null) {
      url.append("&sslmode=").append(options.getSslMode().value);
    }
    return url.toString();
  }

  public String user() {
    return options.getUser();
  }

  public String password() {
    return options.getPassword();
  }

  /** Where the database is, for log lines: never the password. */
  public String describe() {
    return options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }
}
