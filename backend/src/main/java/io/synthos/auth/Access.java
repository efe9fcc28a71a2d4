package io.synthos.auth;

import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one operation asks of its caller's credential, as the contract declares it ({@link
 * AccessRules}): a login may always call it; an API key only when {@code apiKeys} and the key holds
 * every scope in {@code scopes}.
 *
 * @param operation the contract's operation id, for messages
 */
public record Access(String operation, boolean apiKeys, Set<Scope> scopes) {

  public Access {
    scopes = Set.copyOf(scopes);
  }

  /** The caller when their credential may call the operation; otherwise a 403 saying why. */
  public Future<Principal> admit(Principal caller) {
    if (!caller.isApiKey()) {
      return Future.succeededFuture(caller);
    }
    if (!apiKeys) {
      return Future.failedFuture(
          ProblemType.LOGIN_REQUIRED.exception(
              "API keys cannot do this; sign in and use the access token of that login."));
    }
    Set<Scope> missing = EnumSet.noneOf(Scope.class);
    missing.addAll(scopes);
    missing.removeAll(caller.scopes());
    if (missing.isEmpty()) {
      return Future.succeededFuture(caller);
    }
    String names = missing.stream().map(Scope::wireName).collect(Collectors.joining("' and '"));
    return Future.failedFuture(
        ProblemType.INSUFFICIENT_SCOPE.exception(
            "This API key lacks the '"
                + names
                + "' scope this operation needs; use a key created with it."));
  }
}
