package io.synthos.ml.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ingest's shortcuts must give the very values the general ways give. */
@DisplayName("Reading numbers and counting values the short way")
class FastParsingTest {

  @Test
  @DisplayName("reads plain decimals to the same double as Double.parseDouble, or declines")
  void plainDecimals() {
    Random random = new Random(11);
    int taken = 0;
    for (int i = 0; i < 200_000; i++) {
      String text = decimal(random);
      double fast = Values.plainDecimal(text);
      if (!Double.isNaN(fast)) {
        assertThat(Double.doubleToRawLongBits(fast))
            .as(text)
            .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        taken++;
      }
    }
    assertThat(taken).as("decimals read the short way").isGreaterThan(100_000);
    assertThat(Values.plainDecimal("1e5")).isNaN();
    assertThat(Values.plainDecimal("1234567890.1234567")).isNaN();
    assertThat(Values.asDouble("1234567890.1234567")).isEqualTo(1234567890.1234567);
  }

  @Test
  @DisplayName("stops looking up a full column's values only when nearly all of them are new")
  void countsPastTheBound() {
    ValueCounts ids = new ValueCounts(100);
    ValueCounts cities = new ValueCounts(100);
    for (int i = 0; i < 20_000; i++) {
      ids.add("id-" + i);
      // Five cities, then 150 one-off values that fill the table past its bound, then cities.
      cities.add(i >= 5 && i < 155 ? "rare-" + i : "city-" + (i % 5));
    }

    ids.add("id-0");

    assertThat(ids.exact()).isFalse();
    assertThat(ids.distinct()).isEqualTo(100);
    // Nearly every value past the bound was new, so the column stopped looking values up.
    assertThat(ids.top(1).get(0).count()).isEqualTo(1);
    assertThat(cities.exact()).isFalse();
    // The known cities were counted to the end: each once, then (20,000 - 155) / 5 times more.
    assertThat(cities.top(5)).allSatisfy(value -> assertThat(value.count()).isEqualTo(3_970));
    assertThat(cities.top(5)).extracting(ValueCount::value).allMatch(v -> v.startsWith("city-"));
  }

  private static String decimal(Random random) {
    StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "-" : "");
    int whole = random.nextInt(10);
    text.append(
        whole == 0 ? "0" : String.valueOf(random.nextInt((int) Math.pow(10, Math.min(whole, 9)))));
    int decimals = random.nextInt(20);
    if (decimals > 0) {
      text.append('.');
      for (int i = 0; i < decimals; i++) {
        text.append(random.nextInt(10));
      }
    }
    return text.toString();
  }
}
