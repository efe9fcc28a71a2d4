package io.synthos.platform.db;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.platform.http.StoreUnavailable;
import io.synthos.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A pool with every connection busy refuses more waiters at once, as an unavailable store. */
@DisplayName("An exhausted connection pool")
@Tag("slow")
class PoolExhaustionTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("fails the queries beyond its waiting line at once, while the busy ones still run")
  void refusesBeyondTheLine() throws Exception {
    PgSettings settings = PgSettings.fromUrl(TestInfra.get().freshDatabase());
    Pool pool = settings.pool(vertx, 1);
    Future<?> busy = pool.query("SELECT pg_sleep(3)").execute();
    // Fill the waiting line, then one more.
    for (int i = 0; i < PgSettings.WAITERS_PER_CONNECTION; i++) {
      pool.query("SELECT 1").execute();
    }
    Future<?> refused = pool.query("SELECT 1").execute();

    Throwable failure =
        refused
            .toCompletionStage()
            .toCompletableFuture()
            .handle((ok, error) -> error)
            .get(10, TimeUnit.SECONDS);
    assertThat(failure).as("the query beyond the line fails").isNotNull();
    assertThat(busy.isComplete()).as("while the busy query still runs").isFalse();
    assertThat(StoreUnavailable.is(failure)).as(failure.toString()).isTrue();
  }

  @Test
  @DisplayName("fails a query that waited longer than the connection timeout, as unavailable")
  void waitedTooLong() throws Exception {
    PgSettings settings = PgSettings.fromUrl(TestInfra.get().freshDatabase());
    Pool pool = settings.pool(vertx, 1);
    Future<?> busy = pool.query("SELECT pg_sleep(8)").execute();
    Future<?> waiting = pool.query("SELECT 1").execute();

    Throwable failure =
        waiting
            .toCompletionStage()
            .toCompletableFuture()
            .handle((ok, error) -> error)
            .get(20, TimeUnit.SECONDS);
    assertThat(failure).as("the waiting query fails").isNotNull();
    assertThat(busy.isComplete()).as("before the busy one ends").isFalse();
    assertThat(StoreUnavailable.is(failure)).as(failure.toString()).isTrue();
  }
}
