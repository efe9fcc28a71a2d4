package io.synthos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.platform.ReportSections;
import io.synthos.proto.v1.ReportSection;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The report's sections are named once, in the proto enum {@link ReportSection}; the REST
 * contract's lists of them must say the same, or a client would be told of a section the server
 * refuses (or never told of one it computes).
 */
@DisplayName("The report's sections in the REST contract")
class ReportSectionsContractTest {

  private static JsonObject schemas;

  @BeforeAll
  static void readContract() throws IOException {
    try (InputStream contract =
        ReportSectionsContractTest.class.getResourceAsStream("/openapi.yaml")) {
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(contract);
      schemas = new JsonObject(root).getJsonObject("components").getJsonObject("schemas");
    }
  }

  @Test
  @DisplayName("every list of sections a request may name is the proto's, in its order")
  void requestableSections() {
    List<String> requestable = ReportSections.keys(ReportSections.REQUESTABLE);

    assertThat(schemas.getJsonObject("ReportSections").getJsonObject("items").getJsonArray("enum"))
        .as("ReportSections.items.enum")
        .containsExactlyElementsOf(requestable);
    assertThat(schemas.getJsonObject("ValidationSection").getJsonArray("enum"))
        .as("ValidationSection.enum")
        .containsExactlyElementsOf(requestable);
  }

  @Test
  @DisplayName("the contract's report has a member for every section")
  void reportDescribesEverySection() {
    assertThat(schemas.getJsonObject("ValidationReport").getJsonObject("properties").fieldNames())
        .containsAll(ReportSections.keys(ReportSections.ALL));
  }

  @Test
  @DisplayName("the sections keep the wire names clients know; only quality cannot be asked for")
  void wireNames() {
    assertThat(ReportSections.keys(ReportSections.ALL))
        .containsExactly("fidelity", "privacy", "utility", "detection", "quality", "collapse");
    assertThat(ReportSections.REQUESTABLE).doesNotContain(ReportSection.QUALITY);
    assertThat(ReportSections.byKey("privacy")).contains(ReportSection.PRIVACY);
    assertThat(ReportSections.byKey("report_section_unspecified")).isEmpty();
  }
}
