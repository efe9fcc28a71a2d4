package io.synthos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.platform.http.ProblemType;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The problem types the OpenAPI contract names, in its prose and its examples, are the ones the API
 * answers with, with the status and title it gives them: a client that codes against the contract
 * handles what it really gets.
 */
@DisplayName("The problem types the OpenAPI contract names")
class ContractProblemTypesTest {

  private static final String PROBLEM_JSON = "application/problem+json";

  private static final Map<String, ProblemType> CATALOGUE =
      Arrays.stream(ProblemType.values())
          .collect(Collectors.toMap(ProblemType::type, Function.identity()));

  private static String text;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in =
        ContractProblemTypesTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @DisplayName("are all in the catalogue, with the status the text gives them")
  void prose() {
    // "/problems/<name>", with the status just before it where the text gives one: "409
    // `/problems/dataset-in-use`", "with 422 (`/problems/checksum-mismatch`)".
    Matcher named = Pattern.compile("(?:\\b(\\d{3})\\W{1,4})?/problems/([a-z0-9-]+)").matcher(text);
    int found = 0;
    while (named.find()) {
      found++;
      ProblemType type = CATALOGUE.get("/problems/" + named.group(2));
      assertThat(type).as(named.group()).isNotNull();
      if (named.group(1) != null) {
        assertThat(type.status()).as(named.group()).isEqualTo(Integer.parseInt(named.group(1)));
      }
    }
    // The same in short, as the introduction writes it: "`403 insufficient-scope`".
    Matcher shortly = Pattern.compile("`(\\d{3}) ([a-z]+(?:-[a-z]+)+)`").matcher(text);
    while (shortly.find()) {
      found++;
      ProblemType type = CATALOGUE.get("/problems/" + shortly.group(2));
      assertThat(type).as(shortly.group()).isNotNull();
      assertThat(type.status()).as(shortly.group()).isEqualTo(Integer.parseInt(shortly.group(1)));
    }
    assertThat(found).isPositive();
  }

  @Test
  @DisplayName("are shown in the error responses' examples as the API sends them")
  void examples() {
    Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    JsonObject responses =
        new JsonObject(yaml).getJsonObject("components").getJsonObject("responses");
    int found = 0;
    for (String name : responses.fieldNames()) {
      JsonObject examples =
          responses
              .getJsonObject(name)
              .getJsonObject("content")
              .getJsonObject(PROBLEM_JSON)
              .getJsonObject("examples", new JsonObject());
      for (String example : examples.fieldNames()) {
        found++;
        JsonObject value = examples.getJsonObject(example).getJsonObject("value");
        String where = name + "." + example;
        ProblemType type = CATALOGUE.get(value.getString("type"));
        assertThat(type).as(where + " " + value.getString("type")).isNotNull();
        assertThat(value.getInteger("status")).as(where).isEqualTo(type.status());
        assertThat(value.getString("title")).as(where).isEqualTo(type.title());
      }
    }
    assertThat(found).isPositive();
  }
}
