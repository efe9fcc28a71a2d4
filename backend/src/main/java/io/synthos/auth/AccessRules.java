package io.synthos.auth;

import io.synthos.platform.http.OpenApiDocument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which credentials each operation takes, read from the one place that declares it: the security
 * requirements of {@code openapi.yaml}. {@code bearerAuth: []} lets a login in; {@code apiKeyAuth:
 * [read]} (or {@code [write]}) lets in an API key holding those scopes; an operation that does not
 * list {@code apiKeyAuth} refuses every key. An operation's {@code x-grpc} names the gRPC methods
 * that do the same thing, which then ask the same of their callers.
 *
 * <p>Reading fails on a requirement it cannot enforce, so a new operation cannot let keys in by
 * forgetting their scopes.
 */
public final class AccessRules {

  private static final String BEARER = "bearerAuth";
  private static final String API_KEY = "apiKeyAuth";
  private static final String GRPC = "x-grpc";
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final Map<String, Access> operations;
  private final Map<String, Access> grpcMethods;

  private AccessRules(Map<String, Access> operations, Map<String, Access> grpcMethods) {
    this.operations = Map.copyOf(operations);
    this.grpcMethods = Map.copyOf(grpcMethods);
  }

  /** The rules of the contract on the class path. */
  public static Future<AccessRules> load(Vertx vertx) {
    return OpenApiDocument.read(vertx).map(AccessRules::from);
  }

  /**
   * The rules of an OpenAPI document.
   *
   * @throws IllegalStateException for a requirement these rules cannot enforce
   */
  public static AccessRules from(JsonObject document) {
    JsonArray defaults = document.getJsonArray("security", new JsonArray());
    Map<String, Access> operations = new HashMap<>();
    Map<String, Access> grpcMethods = new HashMap<>();
    for (Map.Entry<String, Object> path : document.getJsonObject("paths")) {
      for (Map.Entry<String, Object> entry : (JsonObject) path.getValue()) {
        if (!HTTP_METHODS.contains(entry.getKey())) {
          continue;
        }
        JsonObject operation = (JsonObject) entry.getValue();
        String id = operation.getString("operationId");
        Access access = access(id, operation.getJsonArray("security", defaults));
        if (access != null) {
          operations.put(id, access);
        }
        for (Object method : operation.getJsonArray(GRPC, new JsonArray())) {
          claim(grpcMethods, String.valueOf(method), access, id);
        }
      }
    }
    return new AccessRules(operations, grpcMethods);
  }

  /** What {@code operationId} asks of its caller; null when it is public. */
  public Access operation(String operationId) {
    return operations.get(operationId);
  }

  /**
   * What a gRPC method ({@code package.Service/Method}) asks of its caller: the access of the
   * operation whose {@code x-grpc} names it.
   *
   * @throws IllegalStateException when no operation names it: such a method cannot be served
   */
  public Access grpcMethod(String fullMethodName) {
    Access access = grpcMethods.get(fullMethodName);
    if (access == null) {
      throw new IllegalStateException(
          "no operation of " + OpenApiDocument.FILE + " names the gRPC method " + fullMethodName);
    }
    return access;
  }

  /** Null for a public operation: no requirement, or only empty ones. */
  private static Access access(String id, JsonArray requirements) {
    boolean bearer = false;
    Set<Scope> keyScopes = null;
    for (Object item : requirements) {
      JsonObject requirement = (JsonObject) item;
      if (requirement.size() > 1) {
        throw unenforceable(id, "combines schemes in one requirement");
      }
      for (String scheme : requirement.fieldNames()) {
        JsonArray scopes = requirement.getJsonArray(scheme);
        if (BEARER.equals(scheme) && scopes.isEmpty()) {
          bearer = true;
        } else if (API_KEY.equals(scheme) && !scopes.isEmpty()) {
          keyScopes = EnumSet.noneOf(Scope.class);
          for (Object scope : scopes) {
            keyScopes.add(scope(id, String.valueOf(scope)));
          }
        } else if (API_KEY.equals(scheme)) {
          throw unenforceable(id, "lets API keys in without naming the scopes they need");
        } else {
          throw unenforceable(id, "asks for '" + scheme + "' " + scopes);
        }
      }
    }
    if (!bearer && keyScopes == null) {
      return null;
    }
    if (!bearer) {
      throw unenforceable(id, "does not take a login (bearerAuth: [])");
    }
    return new Access(id, keyScopes != null, keyScopes == null ? Set.of() : keyScopes);
  }

  private static void claim(Map<String, Access> methods, String method, Access access, String id) {
    if (access == null) {
      throw unenforceable(id, "is public, but gRPC method " + method + " is not");
    }
    Access before = methods.putIfAbsent(method, access);
    if (before != null
        && (before.apiKeys() != access.apiKeys() || !before.scopes().equals(access.scopes()))) {
      throw unenforceable(
          id, "asks other credentials than " + before.operation() + " for gRPC method " + method);
    }
  }

  private static Scope scope(String id, String name) {
    try {
      return Scope.of(name);
    } catch (IllegalArgumentException e) {
      throw unenforceable(id, "names the unknown scope '" + name + "'");
    }
  }

  private static IllegalStateException unenforceable(String id, String what) {
    return new IllegalStateException(OpenApiDocument.FILE + ": operation " + id + " " + what);
  }
}
