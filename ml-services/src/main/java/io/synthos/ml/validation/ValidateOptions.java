package io.synthos.ml.validation;

import io.synthos.ml.common.ReportSections;
import io.synthos.proto.v1.ReportSection;
import io.synthos.proto.v1.ValidateRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a Validate call asks for: the datasets (the reference may be absent: then only the quality
 * section runs), the sections (all that apply when none is named), the utility target, the k-NN
 * sample bound, the seed and the CPU granted to the job.
 *
 * @param reference the reference (real) dataset, or null when none was given
 */
record ValidateOptions(
    String synthetic,
    String reference,
    String holdout,
    String target,
    Set<ReportSection> sections,
    int knnMaxRows,
    long seed,
    int cpuMillis) {

  /** What a call may ask for by name; quality always runs. */
  static final List<ReportSection> SECTIONS = ReportSections.COMPARISONS;

  static final int DEFAULT_KNN_MAX_ROWS = 50_000;

  /**
   * @throws IllegalArgumentException naming what is wrong
   */
  static ValidateOptions from(ValidateRequest request) {
    if (request.getSynthetic().getDatasetId().isBlank()) {
      throw new IllegalArgumentException("the synthetic dataset is required");
    }
    String reference =
        request.getReference().getDatasetId().isBlank()
            ? null
            : request.getReference().getDatasetId();
    String holdout =
        request.getHoldout().getDatasetId().isBlank() ? null : request.getHoldout().getDatasetId();
    if (holdout != null && reference == null) {
      // A holdout only serves to compare the synthetic data with the reference.
      throw new IllegalArgumentException(
          "a holdout dataset needs a reference (real) dataset to be compared with");
    }
    JsonObject options;
    try {
      options =
          request.getOptionsJson().isBlank()
              ? new JsonObject()
              : new JsonObject(request.getOptionsJson());
    } catch (DecodeException e) {
      throw new IllegalArgumentException("options_json is not a JSON object");
    }
    Set<ReportSection> sections = new LinkedHashSet<>();
    for (String name : request.getSectionsList()) {
      sections.add(
          ReportSections.comparison(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown section '"
                              + name
                              + "'; the sections are "
                              + SECTIONS.stream().map(ReportSections::key).toList())));
    }
    if (sections.isEmpty()) {
      sections.addAll(SECTIONS);
    }
    int knnMaxRows;
    long seed;
    try {
      knnMaxRows = options.getInteger("knn_max_rows", DEFAULT_KNN_MAX_ROWS);
      seed = options.getLong("seed", 0L);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("knn_max_rows and seed must be whole numbers");
    }
    if (knnMaxRows < 2) {
      throw new IllegalArgumentException("knn_max_rows must be at least 2");
    }
    String target = request.getTargetColumn().isBlank() ? null : request.getTargetColumn();
    return new ValidateOptions(
        request.getSynthetic().getDatasetId(),
        reference,
        holdout,
        target,
        Set.copyOf(sections),
        knnMaxRows,
        seed,
        Math.max(0, request.getCpuMillis()));
  }

  /** The cores granted (rounded up), at most {@code available}; all of them when none was said. */
  int threads(int available) {
    if (cpuMillis == 0) {
      return available;
    }
    return Math.max(1, Math.min(available, (cpuMillis + 999) / 1000));
  }
}
