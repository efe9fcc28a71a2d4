package io.synthos.api.warranties;

import io.synthos.api.datasets.DatasetLookup;
import io.synthos.api.validations.ValidationLookup;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The warranties resource of one API verticle instance: its table, the published tiers, and the
 * signing keys, read (or made, on a first start) from the data directory or the configured file.
 */
public final class WarrantiesResource {

  private final Vertx vertx;
  private final SynthosConfig config;
  private final Pool pool;
  private final WarrantyStore store;
  private final WarrantyTiers tiers;
  private final ValidationLookup validations;
  private final DatasetLookup datasets;
  private final Clock clock = Clock.systemUTC();
  private final SecureRandom random = new SecureRandom();
  private SigningKeys keys;

  public WarrantiesResource(
      Vertx vertx, SynthosConfig config, ValidationLookup validations, DatasetLookup datasets) {
    this.vertx = vertx;
    this.config = config;
    this.pool =
        PgSettings.fromUrl(config.database().url())
            .sharedPool(vertx, "synthos-api", config.database().poolSize());
    this.store = new WarrantyStore(pool);
    // Checked here, where the thresholds are understood; a bad one fails the start with the reason.
    this.tiers =
        config.warranties().tierOverrides().isEmpty()
            ? WarrantyTiers.defaults()
            : WarrantyTiers.fromJson(new JsonObject(config.warranties().tierOverrides()));
    this.validations = validations;
    this.datasets = datasets;
  }

  /** Reads the signing keys on a worker: file I/O, and on a first start a key to generate. */
  public Future<Void> start() {
    return vertx
        .executeBlocking(
            () ->
                config.warranties().keyFile().isPresent()
                    ? SigningKeys.fromPemFile(config.warranties().keyFile().get())
                    : SigningKeys.openDirectory(config.warrantyKeysDir()))
        .onSuccess(loaded -> keys = loaded)
        .mapEmpty();
  }

  public Future<Void> close() {
    return pool.close();
  }

  WarrantyIssuer issuer() {
    return new WarrantyIssuer(
        validations, datasets, store, tiers, keys, config.warranties().issuer(), clock, random);
  }

  WarrantyStore store() {
    return store;
  }

  WarrantyTiers tiers() {
    return tiers;
  }

  SigningKeys keys() {
    return keys;
  }

  Clock clock() {
    return clock;
  }
}
