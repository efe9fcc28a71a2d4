package io.synthos.ml.stats.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds the fidelity section to the numpy/scipy reference ({@code
 * bench/reference/fidelity_reference.py}) on fixtures written by {@code make_fixtures.py}.
 */
@DisplayName("Fidelity against the numpy/scipy reference")
class FidelityAgainstScipyTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mixed", "ties", "degenerate", "tiny"})
  @DisplayName("every score, distance, coefficient, reason and key equals the reference's")
  void matchesReference(String dataset) {
    JsonObject fixture = Fixtures.load(dataset);

    JsonObject section = Fidelity.compute(Fixtures.columns(fixture), Progress.NONE);

    assertSame(dataset, section, fixture.getJsonObject("expected"));
  }

  /** Walks both trees: same keys, same strings and nulls, numbers within 1e-9. */
  private static void assertSame(String path, Object actual, Object expected) {
    if (expected instanceof JsonObject want) {
      assertThat(actual).as(path).isInstanceOf(JsonObject.class);
      JsonObject got = (JsonObject) actual;
      assertThat(got.fieldNames()).as(path).containsExactlyInAnyOrderElementsOf(want.fieldNames());
      for (String key : want.fieldNames()) {
        assertSame(path + "." + key, got.getValue(key), want.getValue(key));
      }
    } else if (expected instanceof JsonArray want) {
      assertThat(actual).as(path).isInstanceOf(JsonArray.class);
      JsonArray got = (JsonArray) actual;
      assertThat(got.size()).as(path).isEqualTo(want.size());
      for (int i = 0; i < want.size(); i++) {
        assertSame(path + "[" + i + "]", got.getValue(i), want.getValue(i));
      }
    } else if (expected instanceof Number want) {
      assertThat(actual).as(path).isInstanceOf(Number.class);
      double wanted = want.doubleValue();
      double tolerance = 1e-9 * Math.max(1, Math.abs(wanted));
      assertThat(((Number) actual).doubleValue()).as(path).isCloseTo(wanted, within(tolerance));
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
