package io.synthos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.platform.NodeInfo;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.testing.TestConfigs;
import io.synthos.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The API router")
class ContractCoverageTest {

  /** The routes that serve the contract itself; they are not part of it. */
  private static final Set<String> DOCS = Set.of("/openapi.yaml", "/docs", "/docs/");

  @Test
  @DisplayName("serves exactly the operations of the OpenAPI contract, besides the docs")
  void routesMatchContract(Vertx vertx, VertxTestContext ctx) {
    var env = new java.util.HashMap<>(TestConfigs.freePorts());
    // The datasets resource's pool connects lazily; routing never asks it anything here.
    env.put("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/unused");
    // The data service's client is made with the router; a node's launcher would supply these.
    env.put("JWT_SECRET", TestNode.JWT_SECRET);
    env.put("SYNTHOS_SERVICE_SECRET", TestNode.SERVICE_SECRET);
    var config = ConfigLoader.load(Optional.empty(), env);
    new ApiRouter(vertx, config, NodeInfo.create(List.of("api")), new BodyBudget(Long.MAX_VALUE))
        .build()
        .compose(router -> ApiContract.load(vertx).map(contract -> compare(router, contract)))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Void compare(Router router, OpenAPIContract contract) {
    Set<String> served = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null || DOCS.contains(route.getPath()) || route.methods() == null) {
        continue; // root handlers and the catch-all failure route match every path
      }
      route.methods().forEach(method -> served.add(method.name() + " " + route.getPath()));
    }
    Set<String> documented = new TreeSet<>();
    for (Operation operation : contract.operations()) {
      documented.add(
          operation.getHttpMethod().name()
              + " "
              + operation.getOpenAPIPath().replaceAll("\\{([^}]+)}", ":$1"));
    }
    assertThat(served).isEqualTo(documented);
    assertThat(documented).contains(HttpMethod.POST.name() + " /api/v1/auth/register");
    return null;
  }
}
