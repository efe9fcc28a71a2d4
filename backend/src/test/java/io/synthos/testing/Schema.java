package io.synthos.testing;

import io.synthos.platform.config.Secret;
import io.synthos.platform.db.PgSettings;
import org.flywaydb.core.Flyway;

/** A fresh test database with the product's migrations applied, for tests below the verticles. */
public final class Schema {

  private Schema() {}

  public static Secret migratedDatabase() {
    Secret url = TestInfra.get().freshDatabase();
    PgSettings settings = PgSettings.fromUrl(url);
    Flyway.configure()
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return url;
  }
}
