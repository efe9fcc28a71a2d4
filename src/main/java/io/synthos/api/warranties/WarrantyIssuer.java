package io.synthos.api.warranties;

import io.synthos.api.datasets.DatasetLookup;
import io.synthos.api.datasets.DatasetLookup.OwnedDataset;
import io.synthos.api.validations.ValidationLookup;
import io.synthos.auth.Principal;
import io.synthos.platform.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a completed validation whose report meets a tier's thresholds into a signed warranty: an
 * in-toto statement naming the datasets by their SHA-256, in a DSSE envelope signed with the newest
 * key.
 */
final class WarrantyIssuer {

  private static final List<String> SECTIONS =
      List.of("fidelity", "privacy", "utility", "detection", "quality");

  private final ValidationLookup validations;
  private final DatasetLookup datasets;
  private final WarrantyStore store;
  private final WarrantyTiers tiers;
  private final SigningKeys keys;
  private final String issuer;
  private final Clock clock;

  WarrantyIssuer(
      ValidationLookup validations,
      DatasetLookup datasets,
      WarrantyStore store,
      WarrantyTiers tiers,
      SigningKeys keys,
      String issuer,
      Clock clock) {
    this.validations = validations;
    this.datasets = datasets;
    this.store = store;
    this.tiers = tiers;
    this.keys = keys;
    this.issuer = issuer;
    this.clock = clock;
  }

  /** The caller's completed validation {@code validationId}, warranted at {@code tier}. */
  Future<JsonObject> issue(Principal caller, UUID validationId, String tier) {
    return validations
        .find(validationId, caller.userId())
        .compose(
            found ->
                found
                    .map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            failed(
                                Problem.of(
                                    "not-found",
                                    404,
                                    "Not Found",
                                    "No validation with this id is yours to warrant."))))
        .compose(validation -> qualify(validation, tier))
        .compose(
            validation -> {
              UUID dataset = UUID.fromString(validation.getString("dataset_id"));
              String reference = validation.getString("reference_dataset_id");
              List<UUID> ids = new ArrayList<>(List.of(dataset));
              if (reference != null) {
                ids.add(UUID.fromString(reference));
              }
              return datasets
                  .owned(caller.userId(), ids)
                  .compose(found -> sign(caller, validation, tier, found, ids));
            });
  }

  /** Completed, and meeting every threshold of the tier (else 409 or 422 with each miss). */
  private Future<JsonObject> qualify(JsonObject validation, String tier) {
    if (!"completed".equals(validation.getString("status"))) {
      return failed(
          Problem.of(
              "validation-not-completed",
              409,
              "Conflict",
              "The validation is "
                  + validation.getString("status")
                  + "; only a completed one can be warranted."));
    }
    List<WarrantyTiers.Unmet> unmet = tiers.evaluate(tier, validation.getJsonObject("report"));
    if (!unmet.isEmpty()) {
      JsonArray errors = new JsonArray();
      unmet.forEach(miss -> errors.add(miss.toJson()));
      return failed(
          Problem.of(
                  "tier-thresholds-unmet",
                  422,
                  "Unprocessable Content",
                  "The report does not meet "
                      + unmet.size()
                      + " threshold(s) of the "
                      + tier
                      + " tier.")
              .withErrors(errors));
    }
    return Future.succeededFuture(validation);
  }

  private Future<JsonObject> sign(
      Principal caller,
      JsonObject validation,
      String tier,
      Map<UUID, OwnedDataset> found,
      List<UUID> ids) {
    for (UUID id : ids) {
      if (found.get(id) == null || found.get(id).sha256() == null) {
        return failed(
            Problem.of(
                "dataset-gone",
                409,
                "Conflict",
                "Dataset " + id + " the validation read is no longer there to be named."));
      }
    }
    JsonObject report = validation.getJsonObject("report");
    WarrantyTiers.Tier terms = tiers.tier(tier);
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    WarrantyStatement statement =
        new WarrantyStatement(
            subject(found.get(ids.get(0))),
            ids.size() > 1 ? subject(found.get(ids.get(1))) : null,
            id.toString(),
            validation.getString("validation_id"),
            tier,
            metrics(report),
            terms.toJson(),
            report.getString("metrics_version", "1"),
            now,
            now.plus(terms.validity()),
            issuer);
    SigningKey signer = keys.signer();
    JsonObject envelope = Dsse.sign(statement.toJson(), signer);
    return store.insert(
        id,
        caller.userId(),
        UUID.fromString(validation.getString("validation_id")),
        tier,
        signer.kid(),
        envelope,
        found.get(ids.get(0)).sha256(),
        statement.issuedAt(),
        statement.expiresAt());
  }

  /** The figures the warranty vouches for: the overall score, each section's, the collapse risk. */
  private static JsonObject metrics(JsonObject report) {
    JsonObject metrics =
        new JsonObject()
            .put("score", report.getValue("score"))
            .put("grade", report.getValue("grade"));
    for (String section : SECTIONS) {
      if (report.getValue(section) instanceof JsonObject json) {
        metrics.put(section, json.getValue("score"));
      }
    }
    if (report.getValue("collapse") instanceof JsonObject collapse) {
      metrics.put("collapse_risk", collapse.getValue("risk"));
    }
    return metrics;
  }

  private static WarrantyStatement.Subject subject(OwnedDataset dataset) {
    return new WarrantyStatement.Subject(dataset.name(), dataset.sha256());
  }

  private static <T> Future<T> failed(Problem problem) {
    return Future.failedFuture(problem.exception());
  }
}
