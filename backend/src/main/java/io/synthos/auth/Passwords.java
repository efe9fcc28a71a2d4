package io.synthos.auth;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

/**
 * Password hashing on a worker pool of its own: Argon2id costs tens of milliseconds and 19 MiB per
 * call, so it must never run on an event loop nor starve the default worker pool.
 */
final class Passwords {

  private final PasswordHasher hasher;
  private final WorkerExecutor workers;

  Passwords(PasswordHasher hasher, WorkerExecutor workers) {
    this.hasher = hasher;
    this.workers = workers;
  }

  Future<String> hash(String password) {
    return workers.executeBlocking(() -> hasher.hash(password), false);
  }

  Future<Boolean> verify(String password, String encoded) {
    return workers.executeBlocking(() -> hasher.verify(password, encoded), false);
  }

  /** Spends the time of a real verification, so unknown emails answer as slowly as known ones. */
  Future<Boolean> verifyNobody(String password) {
    return workers.executeBlocking(
        () -> {
          hasher.verifyDummy(password);
          return false;
        },
        false);
  }

  boolean needsRehash(String encoded) {
    return hasher.needsRehash(encoded);
  }
}
