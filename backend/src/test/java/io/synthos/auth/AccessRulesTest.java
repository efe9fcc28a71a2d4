package io.synthos.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.synthos.platform.http.OpenApiDocument;
import io.synthos.platform.http.ProblemException;
import io.synthos.proto.v1.OrchestratorProto;
import io.synthos.testing.TestResources;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Access rules read from the contract")
class AccessRulesTest {

  private static final JsonObject CONTRACT = contract();
  private static final AccessRules RULES = AccessRules.from(CONTRACT);

  private static final Principal LOGIN =
      Principal.accessToken(
          UUID.randomUUID(), Principal.USER, "jti", UUID.randomUUID().toString(), Instant.MAX);

  private static Principal key(Scope... scopes) {
    return Principal.apiKey(UUID.randomUUID(), Principal.USER, UUID.randomUUID(), Set.of(scopes));
  }

  @Test
  @DisplayName("let API keys read with 'read' and change with 'write', never create keys")
  void fromTheContract() {
    assertThat(RULES.operation("listDatasets")).isEqualTo(access("listDatasets", Scope.READ));
    assertThat(RULES.operation("createDataset")).isEqualTo(access("createDataset", Scope.WRITE));
    assertThat(RULES.operation("revokeApiKey")).isEqualTo(access("revokeApiKey", Scope.WRITE));
    assertThat(RULES.operation("createApiKey").apiKeys()).isFalse();
    assertThat(RULES.operation("changePassword").apiKeys()).isFalse();
    assertThat(RULES.operation("register")).as("public").isNull();
    assertThat(RULES.operation("uploadDatasetContent")).as("public").isNull();
  }

  @Test
  @DisplayName("name for every method of the orchestrator's gRPC service what its callers need")
  void everyGrpcMethod() {
    ServiceDescriptor service = OrchestratorProto.getDescriptor().findServiceByName("Orchestrator");
    assertThat(service.getMethods()).isNotEmpty();
    for (MethodDescriptor method : service.getMethods()) {
      String name = service.getFullName() + "/" + method.getName();
      assertThat(RULES.grpcMethod(name)).as(name).isNotNull();
    }
    assertThat(RULES.grpcMethod("synthos.v1.Orchestrator/SubmitPipeline").scopes())
        .containsExactly(Scope.WRITE);
    assertThat(RULES.grpcMethod("synthos.v1.Orchestrator/GetPipeline").scopes())
        .containsExactly(Scope.READ);
    assertThat(RULES.grpcMethod("synthos.v1.Orchestrator/WatchPipeline").scopes())
        .containsExactly(Scope.READ);
    assertThatThrownBy(() -> RULES.grpcMethod("synthos.v1.Orchestrator/Other"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("names the gRPC method synthos.v1.Orchestrator/Other");
  }

  @Test
  @DisplayName("refuse a contract that lets API keys in without scopes, or names one unknown")
  void refuseWhatTheyCannotEnforce() {
    assertThatThrownBy(() -> AccessRules.from(withKeyScopes("getMe", new JsonArray())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("getMe lets API keys in without naming the scopes");
    assertThatThrownBy(() -> AccessRules.from(withKeyScopes("getMe", new JsonArray().add("all"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("getMe names the unknown scope 'all'");
    assertThatThrownBy(
            () ->
                AccessRules.from(withKeyScopes("createFullPipeline", new JsonArray().add("read"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("for gRPC method synthos.v1.Orchestrator/SubmitPipeline");
  }

  @Test
  @DisplayName("let a login call anything secured, and an API key only within its scopes")
  void admit() {
    Access read = RULES.operation("listDatasets");
    Access write = RULES.operation("createDataset");
    Access loginOnly = RULES.operation("createApiKey");

    assertThat(outcome(loginOnly.admit(LOGIN))).isEqualTo("admitted");
    assertThat(outcome(write.admit(LOGIN))).isEqualTo("admitted");
    assertThat(outcome(read.admit(key(Scope.READ, Scope.WRITE)))).isEqualTo("admitted");
    assertThat(outcome(write.admit(key(Scope.READ, Scope.WRITE)))).isEqualTo("admitted");
    assertThat(outcome(read.admit(key(Scope.READ)))).isEqualTo("admitted");
    assertThat(outcome(write.admit(key(Scope.READ)))).isEqualTo("403 insufficient-scope");
    assertThat(outcome(read.admit(key(Scope.WRITE)))).isEqualTo("403 insufficient-scope");
    assertThat(outcome(loginOnly.admit(key(Scope.READ, Scope.WRITE))))
        .isEqualTo("403 login-required");
    assertThat(write.admit(key(Scope.READ)).cause().getMessage()).contains("lacks the 'write'");
  }

  @Test
  @DisplayName("keep an API key's scopes, and a login's, across the event bus")
  void principalsTravel() {
    Principal readOnly = key(Scope.READ);

    assertThat(Principal.fromJson(readOnly.toJson())).isEqualTo(readOnly);
    assertThat(Principal.fromJson(LOGIN.toJson()).sessionId()).isEqualTo(LOGIN.sessionId());
    assertThat(Principal.fromJson(LOGIN.toJson()).isApiKey()).isFalse();
    assertThat(Principal.fromJson(LOGIN.toJson()).scopes()).isEqualTo(Scope.ALL);
  }

  private static Access access(String operation, Scope scope) {
    return new Access(operation, true, Set.of(scope));
  }

  private static String outcome(Future<Principal> admitted) {
    if (admitted.succeeded()) {
      return "admitted";
    }
    ProblemException problem = (ProblemException) admitted.cause();
    return problem.problem().status() + " " + problem.problem().slug();
  }

  /** The contract, with the API-key requirement of one operation changed. */
  private static JsonObject withKeyScopes(String operationId, JsonArray scopes) {
    JsonObject copy = CONTRACT.copy();
    for (String path : copy.getJsonObject("paths").fieldNames()) {
      JsonObject item = copy.getJsonObject("paths").getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation
            && operationId.equals(operation.getString("operationId"))) {
          operation.put(
              "security",
              new JsonArray()
                  .add(new JsonObject().put("bearerAuth", new JsonArray()))
                  .add(new JsonObject().put("apiKeyAuth", scopes)));
          return copy;
        }
      }
    }
    throw new AssertionError("no operation " + operationId);
  }

  private static JsonObject contract() {
    return OpenApiDocument.parse(TestResources.text("/" + OpenApiDocument.FILE));
  }
}
