package io.synthos.orchestrator.execution;

import io.synthos.proto.v1.DatasetRef;

/** The reference the ML services take for a dataset named in a job's payload. */
final class DatasetRefs {

  private DatasetRefs() {}

  /** A missing id becomes the empty reference; the service answers for it. */
  static DatasetRef of(String id) {
    return DatasetRef.newBuilder().setDatasetId(id == null ? "" : id).build();
  }
}
