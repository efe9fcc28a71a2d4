package io.synthos.auth;

import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Long-lived keys for machine clients: shown once at creation, stored as SHA-256, revocable, each
 * limited to the scopes it was created with.
 */
final class ApiKeys {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiKeys.class);

  static final String PREFIX = "sk_";
  private static final int SHOWN_PREFIX = 10;
  private static final int MAX_ACTIVE_PER_USER = 50;

  private static final String COLUMNS = "id, name, prefix, scopes, created_at, last_used_at";
  private static final String INSERT =
      "INSERT INTO api_keys (id, user_id, name, prefix, key_hash, scopes)"
          + " SELECT $1, $2, $3, $4, $5, $6"
          + " WHERE (SELECT count(*) FROM api_keys WHERE user_id = $2 AND revoked_at IS NULL) < "
          + MAX_ACTIVE_PER_USER
          + " RETURNING "
          + COLUMNS;
  private static final String PAGE =
      "SELECT "
          + COLUMNS
          + " FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL"
          + " AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))"
          + " ORDER BY created_at DESC, id DESC LIMIT $4";
  private static final String REVOKE =
      "UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL AND (user_id = $2 OR $3)";
  private static final String LOOKUP =
      "SELECT k.id, k.user_id, k.scopes, u.role FROM api_keys k JOIN users u ON u.id = k.user_id"
          + " WHERE k.key_hash = $1 AND k.revoked_at IS NULL";
  private static final String TOUCH =
      "UPDATE api_keys SET last_used_at = now() WHERE id = $1"
          + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')";

  private final Pool pool;

  ApiKeys(Pool pool) {
    this.pool = pool;
  }

  /**
   * Creates a key that may do what {@code scopes} allow; the reply is the only time the key itself
   * is shown.
   */
  Future<JsonObject> create(UUID userId, String name, Set<Scope> scopes) {
    String key = SecretTokens.generate(PREFIX);
    Tuple row =
        Tuple.of(
            UUID.randomUUID(),
            userId,
            name.strip(),
            key.substring(0, SHOWN_PREFIX),
            Buffer.buffer(SecretTokens.sha256(key)),
            scopes.stream().sorted().map(Scope::wireName).toArray(String[]::new));
    return pool.preparedQuery(INSERT)
        .execute(row)
        .compose(
            rows ->
                rows.size() == 1
                    ? Future.succeededFuture(view(rows.iterator().next()).put("key", key))
                    : Future.failedFuture(
                        ProblemType.TOO_MANY_API_KEYS.exception(
                            "At most "
                                + MAX_ACTIVE_PER_USER
                                + " active API keys per account; revoke one first.")));
  }

  /** The caller's active keys, newest first, a page at a time. */
  Future<JsonObject> list(UUID userId, PageRequest page) {
    JsonObject after = page.after();
    OffsetDateTime createdAt =
        after == null ? null : OffsetDateTime.parse(after.getString("created_at"));
    UUID id = after == null ? null : UUID.fromString(after.getString("id"));
    return pool.preparedQuery(PAGE)
        .execute(Tuple.of(userId, createdAt, id, page.limit() + 1))
        .map(rows -> page(rows, page.limit()));
  }

  private static JsonObject page(RowSet<Row> rows, int limit) {
    JsonArray items = new JsonArray();
    String next = null;
    for (Row row : rows) {
      if (items.size() == limit) {
        JsonObject last = items.getJsonObject(limit - 1);
        next =
            PageRequest.cursor(
                new JsonObject()
                    .put("created_at", last.getString("created_at"))
                    .put("id", last.getString("id")));
        break;
      }
      items.add(view(row));
    }
    return new JsonObject().put("items", items).put("next_cursor", next);
  }

  /** Revokes a key of the caller's (any key, for an admin); someone else's key is a 404. */
  Future<Void> revoke(UUID keyId, Principal caller) {
    return pool.preparedQuery(REVOKE)
        .execute(Tuple.of(keyId, caller.userId(), caller.isAdmin()))
        .compose(
            rows ->
                rows.rowCount() == 1
                    ? Future.succeededFuture()
                    : Future.failedFuture(ProblemType.NOT_FOUND.exception("No such API key.")));
  }

  /** The owner of a presented key, or a 401. */
  Future<Principal> authenticate(String key) {
    return pool.preparedQuery(LOOKUP)
        .execute(Tuple.of(Buffer.buffer(SecretTokens.sha256(key))))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(TokenService.invalid());
              }
              Row row = rows.iterator().next();
              // Best effort: when the key was last used is information, not a gate.
              pool.preparedQuery(TOUCH)
                  .execute(Tuple.of(row.getUUID("id")))
                  .onFailure(
                      failure -> log.debug("last_used_at not updated: {}", failure.getMessage()));
              return Future.succeededFuture(
                  Principal.apiKey(
                      row.getUUID("user_id"),
                      row.getString("role"),
                      row.getUUID("id"),
                      scopes(row)));
            });
  }

  private static JsonObject view(Row row) {
    OffsetDateTime lastUsed = row.getOffsetDateTime("last_used_at");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("prefix", row.getString("prefix"))
        .put("scopes", new JsonArray(List.of(row.getArrayOfStrings("scopes"))))
        .put("created_at", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("last_used_at", lastUsed == null ? null : lastUsed.toInstant().toString());
  }

  private static Set<Scope> scopes(Row row) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : row.getArrayOfStrings("scopes")) {
      scopes.add(Scope.of(name));
    }
    return scopes;
  }
}
