package io.synthos.auth;

/**
 * The event-bus addresses the auth verticle consumes; {@link AuthClient} is the way to call them.
 */
public final class AuthAddresses {

  public static final String REGISTER = "auth.register";
  public static final String LOGIN = "auth.login";
  public static final String REFRESH = "auth.refresh";
  public static final String LOGOUT = "auth.logout";

  /** Changes the caller's password; the reply names the logins it ended. */
  public static final String PASSWORD_CHANGE = "auth.password.change";

  /**
   * The member of a reply (logout, password change, a refresh token used twice) that lists what was
   * denylisted: tokens' {@code jti} and logins' {@code sid}.
   */
  static final String REVOKED = "revoked";

  public static final String ACCOUNT = "auth.account";
  public static final String AUTHENTICATE = "auth.authenticate";

  /** Counts an anonymous call of a client IP to a public operation; 429 beyond the limit. */
  public static final String LIMIT_PUBLIC = "auth.limit-public";

  public static final String API_KEYS_CREATE = "auth.api-keys.create";
  public static final String API_KEYS_LIST = "auth.api-keys.list";
  public static final String API_KEYS_REVOKE = "auth.api-keys.revoke";

  /** Health of Redis: body {@code {"check": "redis"}}, reply a CheckReport. */
  public static final String HEALTH = "auth.health";

  private AuthAddresses() {}
}
