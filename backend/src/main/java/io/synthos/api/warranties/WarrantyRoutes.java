package io.synthos.api.warranties;

import io.synthos.api.Replies;
import io.synthos.api.Requests;
import io.synthos.auth.AuthClient;
import io.synthos.auth.Principal;
import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.ProblemType;
import io.synthos.platform.http.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The warranties resource's routes: request one for a validation, read, list, download the signed
 * envelope, revoke; and, for anyone, verify an envelope and fetch the public keys.
 */
public final class WarrantyRoutes {

  private final WarrantiesResource resource;
  private final AuthClient auth;

  /** {@code auth} counts the anonymous calls to verification against their per-IP limit. */
  public WarrantyRoutes(WarrantiesResource resource, AuthClient auth) {
    this.resource = resource;
    this.auth = auth;
  }

  public void mount(RouterBuilder builder) {
    builder.getRoute("requestWarranty").addHandler(this::request);
    builder.getRoute("listWarranties").addHandler(this::list);
    builder.getRoute("getWarranty").addHandler(this::get);
    builder.getRoute("getWarrantyCertificate").addHandler(this::certificate);
    builder.getRoute("revokeWarranty").addHandler(this::revoke);
    builder.getRoute("verifyWarranty").addHandler(this::verify);
    builder.getRoute("getJwks").addHandler(this::jwks);
    builder.getRoute("getWarrantyTiers").addHandler(this::tiers);
  }

  private void request(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    resource
        .issuer()
        .issue(
            Requests.caller(rc),
            UUID.fromString(body.getString("validation_id")),
            body.getString("tier"))
        .onSuccess(
            issued -> {
              if (!issued.created()) {
                Replies.owned(rc, 200, issued.warranty());
                return;
              }
              rc.response()
                  .putHeader(
                      "Location",
                      "/api/v1/warranties/" + issued.warranty().getString("warranty_id"));
              Replies.owned(rc, 201, issued.warranty());
            })
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    resource
        .store()
        .find(id(rc), scope(Requests.caller(rc)))
        .compose(WarrantyRoutes::orNotFound)
        .onSuccess(warranty -> Replies.owned(rc, 200, warranty))
        .onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    RequestParameter validation = Requests.query(rc, "validation_id");
    PageRequest page = Requests.page(rc);
    resource
        .store()
        .list(
            scope(Requests.caller(rc)),
            validation == null ? null : UUID.fromString(validation.getString()),
            page)
        .onSuccess(warranties -> Replies.owned(rc, 200, warranties))
        .onFailure(rc::fail);
  }

  /** The DSSE envelope as a file, the thing to hand to whoever should trust the data. */
  private void certificate(RoutingContext rc) {
    UUID id = id(rc);
    resource
        .store()
        .find(id, scope(Requests.caller(rc)))
        .compose(WarrantyRoutes::orNotFound)
        .onSuccess(
            warranty -> {
              SecurityHeaders.noStore(rc);
              rc.response()
                  .putHeader("Content-Type", "application/json")
                  .putHeader(
                      "Content-Disposition",
                      "attachment; filename=\"synthos-warranty-" + id + ".dsse.json\"")
                  .end(warranty.getJsonObject("envelope").encodePrettily());
            })
        .onFailure(rc::fail);
  }

  /** The owner or an admin revokes; a revoked one is a 409, another's a 404. */
  private void revoke(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    UUID id = id(rc);
    JsonObject body = Requests.optionalBody(rc);
    resource
        .store()
        .revoke(
            id,
            scope(caller),
            caller.userId(),
            body.getString("reason"),
            resource.clock().instant())
        .compose(
            revoked ->
                revoked.isPresent()
                    ? Future.succeededFuture(revoked.get())
                    : resource
                        .store()
                        .find(id, scope(caller))
                        .compose(WarrantyRoutes::orNotFound)
                        .compose(
                            found ->
                                Future.<JsonObject>failedFuture(
                                    ProblemType.WARRANTY_REVOKED.exception(
                                        "The warranty is already revoked."))))
        .onSuccess(warranty -> Replies.owned(rc, 200, warranty))
        .onFailure(rc::fail);
  }

  /**
   * Anyone may ask: is this envelope a warranty Synthos signed, still in force, for these bytes
   * (and, with the salt, for this real data)? The revocation list is the one thing the answer needs
   * from this server beyond its public keys.
   */
  private void verify(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    JsonObject envelope = body.getJsonObject("envelope");
    Disclosure disclosure = disclosure(body);
    Instant at =
        body.getString("at") == null
            ? resource.clock().instant()
            : Instant.parse(body.getString("at"));
    Optional<UUID> warrantyId = claimedId(envelope);
    auth.limitPublic(Requests.clientIp(rc))
        .onSuccess(headers -> headers.forEach(rc.response()::putHeader))
        .compose(
            allowed ->
                warrantyId.map(resource.store()::revoked).orElse(Future.succeededFuture(false)))
        .map(
            isRevoked ->
                EnvelopeVerifier.verify(
                    envelope,
                    resource.keys().publicKeys(),
                    at,
                    body.getString("sha256"),
                    disclosure,
                    id -> isRevoked))
        .onSuccess(verdict -> rc.json(answer(verdict)))
        .onFailure(rc::fail);
  }

  /** The salt and the digests to check the commitments with; none, or the salt and a digest. */
  private static Disclosure disclosure(JsonObject body) {
    String salt = body.getString("salt");
    String reference = body.getString("reference_sha256");
    String holdout = body.getString("holdout_sha256");
    if (salt == null && reference == null && holdout == null) {
      return null;
    }
    if (salt == null || (reference == null && holdout == null)) {
      throw ProblemType.INCOMPLETE_DISCLOSURE.exception(
          "Checking a commitment takes the salt and the reference_sha256, the holdout_sha256"
              + " or both: give them together.");
    }
    return new Disclosure(salt, reference, holdout);
  }

  private void jwks(RoutingContext rc) {
    rc.response().putHeader("Cache-Control", "public, max-age=300");
    rc.json(Jwks.of(resource.keys().publicKeys().values()));
  }

  private void tiers(RoutingContext rc) {
    rc.json(resource.tiers().toJson());
  }

  private static JsonObject answer(Verdict verdict) {
    JsonObject answer =
        new JsonObject().put("valid", verdict.valid()).put("reason", verdict.reason());
    JsonObject predicate =
        verdict.statement() == null
            ? new JsonObject()
            : verdict.statement().getJsonObject("predicate", new JsonObject());
    return answer
        .put("warranty_id", predicate.getString("warranty_id"))
        .put("tier", predicate.getString("tier"))
        .put("issued_at", predicate.getString("issued_at"))
        .put("expires_at", predicate.getString("expires_at"))
        .put("statement", verdict.statement());
  }

  /**
   * The warranty id the envelope's payload claims, read only to look up its revocation; the
   * verifier decides whether anything in the payload can be believed.
   */
  private static Optional<UUID> claimedId(JsonObject envelope) {
    try {
      JsonObject statement =
          new JsonObject(new String(Base64.getDecoder().decode(envelope.getString("payload"))));
      return Optional.of(
          UUID.fromString(statement.getJsonObject("predicate").getString("warranty_id")));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static UUID id(RoutingContext rc) {
    return UUID.fromString(Requests.path(rc, "id"));
  }

  private static UUID scope(Principal caller) {
    return caller.isAdmin() ? null : caller.userId();
  }

  private static Future<JsonObject> orNotFound(Optional<JsonObject> found) {
    return found
        .map(Future::succeededFuture)
        .orElseGet(
            () ->
                Future.failedFuture(
                    ProblemType.NOT_FOUND.exception("No warranty with this id is yours to see.")));
  }
}
