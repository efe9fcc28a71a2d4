package io.synthos.api.warranties;

import io.synthos.api.datasets.DatasetLookup;
import io.synthos.api.datasets.DatasetLookup.OwnedDataset;
import io.synthos.api.validations.ValidationLookup;
import io.synthos.auth.Principal;
import io.synthos.platform.ReportSections;
import io.synthos.platform.http.Problem;
import io.synthos.platform.http.ProblemType;
import io.synthos.proto.v1.ReportSection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Turns a completed validation whose report meets a tier's thresholds into a signed warranty: an
 * in-toto statement naming the synthetic dataset by its SHA-256 and committing to the real data
 * under a fresh salt, in a DSSE envelope signed with the newest key. A tier already warranted (and
 * not revoked) answers its warranty instead of a second one.
 */
final class WarrantyIssuer {

  private static final List<String> SECTIONS = ReportSections.keys(ReportSections.SCORED);

  /** Why an expired warranty stops being the tier's live one. */
  static final String RENEWED = "expired; a new warranty was issued for this tier";

  /** A lost race needs one more round; three in a row means something keeps revoking. */
  private static final int ATTEMPTS = 3;

  /** A warranty, and whether this request issued it (else it was the tier's live one). */
  record Issued(JsonObject warranty, boolean created) {}

  /** The datasets a validation read: the synthetic one, and the real data or null. */
  private record Inputs(UUID dataset, UUID reference, UUID holdout) {

    static Inputs of(JsonObject validation) {
      return new Inputs(
          UUID.fromString(validation.getString("dataset_id")),
          uuid(validation.getString("reference_dataset_id")),
          uuid(validation.getString("holdout_dataset_id")));
    }

    List<UUID> ids() {
      return Stream.of(dataset, reference, holdout).filter(Objects::nonNull).toList();
    }

    private static UUID uuid(String id) {
      return id == null ? null : UUID.fromString(id);
    }
  }

  private final ValidationLookup validations;
  private final DatasetLookup datasets;
  private final WarrantyStore store;
  private final WarrantyTiers tiers;
  private final SigningKeys keys;
  private final String issuer;
  private final Clock clock;
  private final SecureRandom random;

  WarrantyIssuer(
      ValidationLookup validations,
      DatasetLookup datasets,
      WarrantyStore store,
      WarrantyTiers tiers,
      SigningKeys keys,
      String issuer,
      Clock clock,
      SecureRandom random) {
    this.validations = validations;
    this.datasets = datasets;
    this.store = store;
    this.tiers = tiers;
    this.keys = keys;
    this.issuer = issuer;
    this.clock = clock;
    this.random = random;
  }

  /**
   * The caller's completed validation {@code validationId}, warranted at {@code tier}: its live
   * warranty at that tier when it has one, else a new one.
   */
  Future<Issued> issue(Principal caller, UUID validationId, String tier) {
    return validations
        .find(validationId, caller.userId())
        .compose(
            found ->
                found
                    .map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            failed(
                                ProblemType.NOT_FOUND.problem(
                                    "No validation with this id is yours to warrant."))))
        .compose(validation -> liveOrNew(caller, validationId, validation, tier, ATTEMPTS));
  }

  /**
   * The live warranty, else a new one. Two requests at once may both sign: the unique index lets
   * one insert, and the other answers the winner's warranty (or tries again should it be revoked in
   * between).
   */
  private Future<Issued> liveOrNew(
      Principal caller, UUID validationId, JsonObject validation, String tier, int attempts) {
    if (attempts == 0) {
      return failed(
          ProblemType.WARRANTY_CONTENDED.problem(
              "This tier's warranty kept changing while it was issued; ask again."));
    }
    return store
        .live(validationId, tier, caller.userId())
        .compose(
            live -> {
              if (live.isEmpty()) {
                return signNew(caller, validationId, validation, tier, attempts);
              }
              if (clock.instant().isBefore(Instant.parse(live.get().getString("expires_at")))) {
                return Future.succeededFuture(new Issued(live.get(), false));
              }
              // An expired warranty vouches for nothing any more: it is retired, and renewed.
              return store
                  .revoke(
                      UUID.fromString(live.get().getString("warranty_id")),
                      caller.userId(),
                      caller.userId(),
                      RENEWED,
                      clock.instant())
                  .compose(retired -> signNew(caller, validationId, validation, tier, attempts));
            });
  }

  /** A new warranty, or (when another request stored one first) the live one after all. */
  private Future<Issued> signNew(
      Principal caller, UUID validationId, JsonObject validation, String tier, int attempts) {
    return qualify(validation, tier)
        .compose(qualified -> issueNew(caller, qualified, tier))
        .compose(
            inserted ->
                inserted
                    .map(warranty -> Future.succeededFuture(new Issued(warranty, true)))
                    .orElseGet(
                        () -> liveOrNew(caller, validationId, validation, tier, attempts - 1)));
  }

  private Future<Optional<JsonObject>> issueNew(
      Principal caller, JsonObject validation, String tier) {
    Inputs inputs = Inputs.of(validation);
    return datasets
        .owned(caller.userId(), inputs.ids())
        .compose(found -> sign(caller, validation, tier, found, inputs));
  }

  /** Completed, and meeting every threshold of the tier (else 409 or 422 with each miss). */
  private Future<JsonObject> qualify(JsonObject validation, String tier) {
    if (!"completed".equals(validation.getString("status"))) {
      return failed(
          ProblemType.VALIDATION_NOT_COMPLETED.problem(
              "The validation is "
                  + validation.getString("status")
                  + "; only a completed one can be warranted."));
    }
    List<WarrantyTiers.Unmet> unmet = tiers.evaluate(tier, validation.getJsonObject("report"));
    if (!unmet.isEmpty()) {
      JsonArray errors = new JsonArray();
      unmet.forEach(miss -> errors.add(miss.toJson()));
      return failed(
          ProblemType.TIER_THRESHOLDS_UNMET
              .problem(
                  "The report does not meet "
                      + unmet.size()
                      + " threshold(s) of the "
                      + tier
                      + " tier.")
              .withErrors(errors));
    }
    return Future.succeededFuture(validation);
  }

  private Future<Optional<JsonObject>> sign(
      Principal caller,
      JsonObject validation,
      String tier,
      Map<UUID, OwnedDataset> found,
      Inputs inputs) {
    for (UUID id : inputs.ids()) {
      if (found.get(id) == null || found.get(id).sha256() == null) {
        return failed(
            ProblemType.DATASET_GONE.problem(
                "Dataset " + id + " the validation read is no longer there to be named."));
      }
    }
    JsonObject report = validation.getJsonObject("report");
    WarrantyTiers.Tier terms = tiers.tier(tier);
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    String salt = Commitment.newSalt(random);
    OwnedDataset dataset = found.get(inputs.dataset());
    WarrantyStatement statement =
        new WarrantyStatement(
            new WarrantyStatement.Subject(dataset.name(), dataset.sha256()),
            new WarrantyStatement.Commitments(
                commitment(salt, found.get(inputs.reference())),
                commitment(salt, found.get(inputs.holdout()))),
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
        dataset.sha256(),
        salt,
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
    if (report.getValue(ReportSections.key(ReportSection.COLLAPSE))
        instanceof JsonObject collapse) {
      metrics.put("collapse_risk", collapse.getValue("risk"));
    }
    return metrics;
  }

  /** The commitment to a dataset the validation read, or null when it read none. */
  private static String commitment(String salt, OwnedDataset dataset) {
    return dataset == null ? null : Commitment.of(salt, dataset.sha256());
  }

  private static <T> Future<T> failed(Problem problem) {
    return Future.failedFuture(problem.exception());
  }
}
