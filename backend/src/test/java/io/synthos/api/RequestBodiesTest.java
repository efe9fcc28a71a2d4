package io.synthos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.TestResources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Mass assignment, closed at the contract: every JSON request body names its members and refuses
 * any other ({@code additionalProperties: false}), so a client can never set {@code owner_id},
 * {@code role}, {@code status} or anything the server decides. Read from the contract the router is
 * built from, so a new write endpoint is held to it the day it is added.
 */
@DisplayName("Request bodies")
class RequestBodiesTest {

  @Test
  @DisplayName("every JSON request body of the contract refuses members it does not name")
  @SuppressWarnings("unchecked")
  void closedBodies() throws IOException {
    Map<String, Object> root = TestResources.yaml("/openapi.yaml");
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) root.get("components")).get("schemas");
    List<String> open = new ArrayList<>();
    int bodies = 0;
    for (var path : ((Map<String, Map<String, Object>>) root.get("paths")).entrySet()) {
      for (var operation : path.getValue().entrySet()) {
        if (!(operation.getValue() instanceof Map<?, ?> op) || !op.containsKey("requestBody")) {
          continue;
        }
        Map<String, Object> content =
            (Map<String, Object>) ((Map<String, Object>) op.get("requestBody")).get("content");
        Map<String, Object> json = (Map<String, Object>) content.get("application/json");
        if (json == null) {
          continue;
        }
        bodies++;
        Map<String, Object> schema = (Map<String, Object>) json.get("schema");
        if (schema.containsKey("$ref")) {
          String name = schema.get("$ref").toString().replace("#/components/schemas/", "");
          schema = (Map<String, Object>) schemas.get(name);
        }
        if (!Boolean.FALSE.equals(schema.get("additionalProperties"))) {
          open.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
        }
      }
    }
    assertThat(bodies).as("JSON request bodies in the contract").isGreaterThan(10);
    assertThat(open).as("bodies that accept members they do not name").isEmpty();
  }
}
