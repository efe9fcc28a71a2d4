package io.synthos.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an API key may do: {@code read} for operations that only look ({@code GET}), {@code write}
 * for every other. The contract names the scope each operation needs ({@link AccessRules}); a
 * bearer access token holds every scope.
 */
public enum Scope {
  READ,
  WRITE;

  /** Every scope: what a login, and a key created without naming its scopes, may do. */
  public static final Set<Scope> ALL = Set.copyOf(EnumSet.allOf(Scope.class));

  /** The scope's name on the wire and in the contract: {@code read}, {@code write}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope of a wire name; fails with IllegalArgumentException for any other text. */
  public static Scope of(String wireName) {
    for (Scope scope : values()) {
      if (scope.wireName().equals(wireName)) {
        return scope;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + wireName + "'");
  }
}
