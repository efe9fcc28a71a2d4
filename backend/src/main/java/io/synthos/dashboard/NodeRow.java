package io.synthos.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One node as the page lists it: roles with their verticle instances ({@code api ×2}), its state
 * and since when, and its open or half-open breakers.
 */
public record NodeRow(
    String id,
    String roles,
    String process,
    String version,
    String state,
    String since,
    String startedAt,
    List<String> breakers,
    boolean breakerTripped) {

  static NodeRow of(JsonObject node) {
    JsonObject instances = node.getJsonObject("instances", new JsonObject());
    List<String> roles = new ArrayList<>();
    for (Object role : node.getJsonArray("roles", new JsonArray())) {
      int count = instances.getInteger(role.toString(), 1);
      roles.add(count > 1 ? role + " ×" + count : role.toString());
    }
    List<String> breakers = new ArrayList<>();
    boolean tripped = false;
    JsonObject states = node.getJsonObject("breakers", new JsonObject());
    for (String service : states.fieldNames().stream().sorted().toList()) {
      String state = states.getString(service);
      breakers.add(service + " " + state.toLowerCase(Locale.ROOT).replace('_', '-'));
      tripped |= !"CLOSED".equals(state);
    }
    return new NodeRow(
        node.getString("node_id"),
        String.join(", ", roles),
        node.getString("process", ""),
        node.getString("version", ""),
        node.getString("state"),
        node.getString("since"),
        node.getString("started_at", ""),
        breakers,
        tripped);
  }

  public String shortId() {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }
}
