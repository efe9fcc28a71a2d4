package io.synthos.api.analytics;

import io.synthos.api.Replies;
import io.synthos.api.Requests;
import io.synthos.auth.Principal;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Usage analytics and validation history. A user sees their own; an admin sees everyone's, or one
 * user's with {@code user_id}.
 */
public final class AnalyticsRoutes {

  private static final int DEFAULT_DAYS = 30;
  private static final int MAX_DAYS = 366;
  private static final int HISTORY_LIMIT = 500;

  private final Pool pool;
  private final AnalyticsQueries queries;

  public AnalyticsRoutes(Vertx vertx, SynthosConfig config) {
    this.pool =
        PgSettings.fromUrl(config.database().url())
            .sharedPool(vertx, "synthos-api", config.database().poolSize());
    this.queries = new AnalyticsQueries(pool);
  }

  public void mount(RouterBuilder builder) {
    builder.getRoute("getUsage").addHandler(this::usage);
    builder.getRoute("getValidationHistory").addHandler(this::history);
  }

  public Future<Void> close() {
    return pool.close();
  }

  private void usage(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate to = date(rc, "to", today);
    LocalDate from = date(rc, "from", to.minusDays(DEFAULT_DAYS - 1));
    if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw ProblemType.INVALID_RANGE.exception(
          "from must not be after to, and the range spans at most " + MAX_DAYS + " days.");
    }
    queries
        .usage(from, to, scope(caller, rc))
        .onSuccess(usage -> Replies.owned(rc, 200, usage))
        .onFailure(rc::fail);
  }

  private void history(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    RequestParameter dataset = Requests.query(rc, "dataset_id");
    RequestParameter name = Requests.query(rc, "name");
    if ((dataset == null) == (name == null)) {
      throw ProblemType.INVALID_LINEAGE.exception(
          "Name the lineage by dataset_id or by name, one of the two.");
    }
    queries
        .history(
            scope(caller, rc),
            dataset == null ? null : UUID.fromString(dataset.getString()),
            name == null ? null : name.getString(),
            HISTORY_LIMIT)
        .onSuccess(history -> Replies.owned(rc, 200, history))
        .onFailure(rc::fail);
  }

  /**
   * Whose figures: the caller's own; an admin's choice of {@code user_id}, or everyone's (null).
   * Another user's id from a user is a 403.
   */
  private static UUID scope(Principal caller, RoutingContext rc) {
    RequestParameter user = Requests.query(rc, "user_id");
    UUID asked = user == null ? null : UUID.fromString(user.getString());
    if (caller.isAdmin()) {
      return asked;
    }
    if (asked != null && !asked.equals(caller.userId())) {
      throw ProblemType.FORBIDDEN.exception("Only an admin may read another user's figures.");
    }
    return caller.userId();
  }

  private static LocalDate date(RoutingContext rc, String name, LocalDate fallback) {
    RequestParameter value = Requests.query(rc, name);
    try {
      return value == null ? fallback : LocalDate.parse(value.getString());
    } catch (DateTimeParseException e) {
      throw ProblemType.INVALID_DATE.exception(name + " must be a date, YYYY-MM-DD.");
    }
  }
}
