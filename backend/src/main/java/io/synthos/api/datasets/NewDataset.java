package io.synthos.api.datasets;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A dataset about to be uploaded: whose, what it is called, how to parse it, what the client
 * declared about its bytes, and the hash of the token that opens its upload URL.
 */
record NewDataset(
    UUID id,
    UUID ownerId,
    String name,
    String format,
    String delimiter,
    Long declaredSize,
    String declaredSha256,
    JsonObject columnTypes,
    byte[] tokenHash,
    Instant expiresAt) {}
