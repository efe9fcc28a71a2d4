package io.synthos.orchestrator.jobs;

import io.synthos.platform.http.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The members of a job's payload (or a pipeline's input) that name datasets: members holding one
 * dataset id and members holding a list of them. Every dataset they name is checked against its
 * owner before the job is queued ({@code DatasetGate}); {@code mustBeReady} says whether the
 * dataset must also be ready (everything but an ingest, which makes it ready).
 */
public record DatasetMembers(List<String> single, List<String> lists, boolean mustBeReady) {

  /** The validated (synthetic) dataset. */
  public static final String DATASET = "dataset_id";

  /** The real data the synthetic dataset was made from. */
  public static final String REFERENCE = "reference_dataset_id";

  /** Real data kept out of training. */
  public static final String HOLDOUT = "holdout_dataset_id";

  /** Earlier generations of the synthetic data. */
  public static final String GENERATIONS = "generations";

  /** A job that reads no dataset. */
  public static final DatasetMembers NONE = new DatasetMembers(List.of(), List.of(), false);

  public DatasetMembers {
    single = List.copyOf(single);
    lists = List.copyOf(lists);
  }

  /** Members whose datasets must be ready. */
  public static DatasetMembers ready(List<String> single, List<String> lists) {
    return new DatasetMembers(single, lists, true);
  }

  /** Members whose datasets may be in any state but deleted (an ingest's own dataset). */
  public static DatasetMembers anyState(List<String> single) {
    return new DatasetMembers(single, List.of(), false);
  }

  /** Every member name, single ones first. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>(single);
    names.addAll(lists);
    return names;
  }

  /** The members of both, ready when either needs it: what a pipeline's stages read together. */
  public DatasetMembers and(DatasetMembers other) {
    Set<String> ones = new LinkedHashSet<>(single);
    ones.addAll(other.single);
    Set<String> many = new LinkedHashSet<>(lists);
    many.addAll(other.lists);
    return new DatasetMembers(
        new ArrayList<>(ones), new ArrayList<>(many), mustBeReady || other.mustBeReady);
  }

  /**
   * The datasets {@code payload} names in these members, in order, with the member that names each.
   *
   * @throws io.synthos.platform.http.ProblemException 400 when a member is not a dataset id (or a
   *     list of them)
   */
  public List<Reference> in(JsonObject payload) {
    List<Reference> found = new ArrayList<>();
    for (String member : single) {
      Object value = payload.getValue(member);
      if (value != null) {
        found.add(new Reference(member, id(member, value)));
      }
    }
    for (String member : lists) {
      Object value = payload.getValue(member);
      if (value == null) {
        continue;
      }
      if (!(value instanceof JsonArray array)) {
        throw notAnId(member, "a list of dataset ids");
      }
      for (int i = 0; i < array.size(); i++) {
        String at = member + "[" + i + "]";
        found.add(new Reference(at, id(at, array.getValue(i))));
      }
    }
    return found;
  }

  private static UUID id(String member, Object value) {
    if (value instanceof String text) {
      try {
        UUID id = UUID.fromString(text);
        // UUID.fromString accepts short groups ("1-2-3-4-5"); only the canonical form names a row.
        if (id.toString().equalsIgnoreCase(text)) {
          return id;
        }
      } catch (IllegalArgumentException e) {
        // Answered below, in the caller's words.
      }
    }
    throw notAnId(member, "a dataset id (a UUID)");
  }

  private static RuntimeException notAnId(String member, String expected) {
    return ProblemType.INVALID_DATASET_REFERENCE.exception(member + " must be " + expected + ".");
  }

  /** One dataset named by a payload, and the member that names it ({@code generations[2]}). */
  public record Reference(String member, UUID datasetId) {}
}
