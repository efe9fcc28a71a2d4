package io.synthos.api.validations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/** What the other resources may read of validations: one, with its report, as a caller sees it. */
public final class ValidationLookup {

  private final ValidationStore store;

  ValidationLookup(ValidationStore store) {
    this.store = store;
  }

  /** The validation with its report; {@code scope} the owner, or null for an admin. */
  public Future<Optional<JsonObject>> find(UUID id, UUID scope) {
    return store.findWithReport(id, scope);
  }
}
