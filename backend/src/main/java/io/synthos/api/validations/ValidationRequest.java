package io.synthos.api.validations;

import io.synthos.platform.http.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A validation as the user asked for it, checked beyond what the contract's schema can say, and the
 * pipeline input it becomes.
 */
record ValidationRequest(
    UUID datasetId,
    UUID referenceId,
    UUID holdoutId,
    List<UUID> generations,
    String targetColumn,
    String priority,
    List<String> sections,
    JsonObject options,
    JsonObject body) {

  /** Options the statistics read; priority and sections are the validation's own. */
  private static final Set<String> METRIC_OPTIONS =
      Set.of("knn_max_rows", "seed", "k", "thresholds");

  /** Reads a body the contract has validated; a combination it cannot judge is a 422. */
  static ValidationRequest of(JsonObject body) {
    JsonObject options = body.getJsonObject("options", new JsonObject());
    UUID reference = uuid(body.getString("reference_dataset_id"));
    UUID holdout = uuid(body.getString("holdout_dataset_id"));
    if (holdout != null && reference == null) {
      throw ProblemType.HOLDOUT_NEEDS_REFERENCE.exception(
          "A holdout dataset is compared with the reference: give reference_dataset_id too.");
    }
    List<UUID> generations = new ArrayList<>();
    body.getJsonArray("generations", new JsonArray())
        .forEach(id -> generations.add(UUID.fromString((String) id)));
    List<String> sections = new ArrayList<>();
    options.getJsonArray("sections", new JsonArray()).forEach(s -> sections.add((String) s));
    JsonObject metrics = new JsonObject();
    options.forEach(
        option -> {
          if (METRIC_OPTIONS.contains(option.getKey())) {
            metrics.put(option.getKey(), option.getValue());
          }
        });
    return new ValidationRequest(
        UUID.fromString(body.getString("dataset_id")),
        reference,
        holdout,
        List.copyOf(generations),
        body.getString("target_column"),
        options.getString("priority", "standard"),
        List.copyOf(sections),
        metrics,
        body);
  }

  /** What the validation pipeline's stages read. */
  JsonObject pipelineInput() {
    JsonObject input = new JsonObject().put("dataset_id", datasetId.toString());
    if (referenceId != null) {
      input.put("reference_dataset_id", referenceId.toString());
    }
    if (holdoutId != null) {
      input.put("holdout_dataset_id", holdoutId.toString());
    }
    if (!generations.isEmpty()) {
      input.put("generations", new JsonArray(generations.stream().map(UUID::toString).toList()));
    }
    if (targetColumn != null) {
      input.put("target_column", targetColumn);
    }
    if (!sections.isEmpty()) {
      input.put("sections", new JsonArray(sections));
    }
    return input.put("options", options.copy());
  }

  /**
   * SHA-256 of the body with its keys sorted: the same request sent again with the same
   * Idempotency-Key matches, whatever order its keys come in.
   */
  String sha256() {
    try {
      byte[] canonical = ((JsonObject) canonical(body)).encode().getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static Object canonical(Object value) {
    if (value instanceof JsonObject object) {
      Map<String, Object> sorted = new TreeMap<>();
      object.forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
      return new JsonObject(new LinkedHashMap<>(sorted));
    }
    if (value instanceof JsonArray array) {
      JsonArray out = new JsonArray();
      array.forEach(item -> out.add(canonical(item)));
      return out;
    }
    return value;
  }

  private static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }
}
