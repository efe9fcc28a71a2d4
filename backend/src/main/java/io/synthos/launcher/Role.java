package io.synthos.launcher;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a process can run. With no {@code --roles} a process runs them all. */
public enum Role {
  DATA("data service: dataset bytes, schema, profile (gRPC)"),
  VALIDATION("validation service: fidelity, privacy, utility, detection (gRPC)"),
  COLLAPSE("collapse service: diversity and model collapse (gRPC)"),
  RESOURCES("resource tracker: ML pool capacity and admission"),
  AUTH("users, tokens, API keys, rate limits"),
  ORCHESTRATOR("jobs and pipelines, calls to the ML services"),
  API("REST API, /health, /metrics"),
  DASHBOARD("admin dashboard");

  private final String summary;

  Role(String summary) {
    this.summary = summary;
  }

  public String summary() {
    return summary;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Roles whose verticles use PostgreSQL: the process migrates the schema when it runs any. */
  public boolean usesPostgres() {
    return this == API || this == AUTH || this == ORCHESTRATOR || this == RESOURCES;
  }

  public boolean usesRedis() {
    return this == AUTH;
  }

  /** Roles that issue or verify access tokens, and so need the JWT key. */
  public boolean usesTokens() {
    return this == API || this == AUTH;
  }

  /**
   * Roles that run an ML service or call one (the API streams bytes to the data service, the
   * resource tracker asks each its capacity), and so need the ML services' secret.
   */
  public boolean usesMlServices() {
    return this != AUTH && this != DASHBOARD;
  }

  /**
   * Parses a comma-separated list such as {@code api,auth}.
   *
   * @throws IllegalArgumentException naming the unknown role and the known ones
   */
  public static Set<Role> parseList(String text) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : text.split(",")) {
      String id = part.strip();
      if (id.isEmpty()) {
        continue;
      }
      roles.add(
          Arrays.stream(values())
              .filter(role -> role.id().equalsIgnoreCase(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown role '" + id + "' (known roles: " + allIds() + ")")));
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(
          "--roles needs at least one role (known roles: " + allIds() + ")");
    }
    return roles;
  }

  public static String allIds() {
    return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(","));
  }
}
