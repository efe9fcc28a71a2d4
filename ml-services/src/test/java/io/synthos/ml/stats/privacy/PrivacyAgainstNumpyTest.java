package io.synthos.ml.stats.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks every privacy figure against the numpy reference on fixtures from make_fixtures.py. */
@DisplayName("Privacy metrics against the numpy reference")
class PrivacyAgainstNumpyTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"mixed", "constant", "copied", "holdout", "single_real", "categorical", "blocks"})
  @DisplayName("every figure equals the reference's within 1e-9, given the same baseline rows")
  void matchesReference(String name) {
    PrivacyFixtures fixture = PrivacyFixtures.load(name);
    JsonObject got =
        Privacy.compute(
            fixture.columns(), PrivacyOptions.DEFAULTS, Progress.NONE, fixture.baseline());
    assertClose(name, got, fixture.expected());
  }

  /** Same keys, numbers within 1e-9, everything else equal. */
  static void assertClose(String path, JsonObject got, JsonObject want) {
    assertThat(got.fieldNames()).as(path).containsExactlyInAnyOrderElementsOf(want.fieldNames());
    for (String key : want.fieldNames()) {
      Object expected = want.getValue(key);
      Object actual = got.getValue(key);
      if (expected instanceof JsonObject object) {
        assertThat(actual).as(path + "." + key).isInstanceOf(JsonObject.class);
        assertClose(path + "." + key, (JsonObject) actual, object);
      } else if (expected instanceof Number number && !(expected instanceof Integer)) {
        assertThat(actual).as(path + "." + key).isInstanceOf(Number.class);
        assertThat(((Number) actual).doubleValue())
            .as(path + "." + key)
            .isCloseTo(number.doubleValue(), within(1e-9));
      } else if (expected instanceof Number number) {
        assertThat(((Number) actual).longValue())
            .as(path + "." + key)
            .isEqualTo(number.longValue());
      } else {
        assertThat(actual).as(path + "." + key).isEqualTo(expected);
      }
    }
  }
}
