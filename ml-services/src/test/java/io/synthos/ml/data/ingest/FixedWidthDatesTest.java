package io.synthos.ml.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fast date reader must never disagree with {@code java.time}: on any text, in any layout, it
 * answers the formatter's value or passes (NaN) — and it must really take the everyday shapes.
 */
@DisplayName("Reading dates without java.time's parser")
class FixedWidthDatesTest {

  @Test
  @DisplayName("answers exactly what the formatter answers, or leaves the value to it")
  void agreesWithTheFormatter() {
    Random random = new Random(20261127);
    int checked = 0;
    for (String text : samples(random, 20_000)) {
      for (DateFormat format : DateFormat.values()) {
        double fast = FixedWidthDates.epochSeconds(text, format);
        if (!Double.isNaN(fast)) {
          assertThat(fast).as("%s as %s", text, format).isEqualTo(format.byFormatter(text));
          checked++;
        }
      }
    }
    assertThat(checked).as("values the fast reader answered itself").isGreaterThan(10_000);
  }

  @Test
  @DisplayName("takes the everyday shapes itself")
  void takesEverydayShapes() {
    assertThat(FixedWidthDates.epochSeconds("2024-01-31", DateFormat.ISO_DATE))
        .isEqualTo(1_706_659_200.0);
    assertThat(FixedWidthDates.epochSeconds("2024-01-31T12:00", DateFormat.ISO_LOCAL_DATE_TIME))
        .isEqualTo(1_706_702_400.0);
    assertThat(
            FixedWidthDates.epochSeconds("2024-01-31T12:00:00.250", DateFormat.ISO_LOCAL_DATE_TIME))
        .isEqualTo(1_706_702_400.25);
    assertThat(FixedWidthDates.epochSeconds("2024-01-31 12:00:00", DateFormat.SPACE_DATE_TIME))
        .isEqualTo(1_706_702_400.0);
    assertThat(
            FixedWidthDates.epochSeconds(
                "2024-01-31T14:00:00+02:00", DateFormat.ISO_OFFSET_DATE_TIME))
        .isEqualTo(1_706_702_400.0);
    assertThat(FixedWidthDates.epochSeconds("2024-02-30", DateFormat.ISO_DATE)).isNaN();
    assertThat(DateFormat.ISO_DATE.epochSeconds("2024-02-30")).isNaN();
  }

  /** Valid values in every layout, and near misses: bad days, hours, separators, fractions. */
  private static List<String> samples(Random random, int count) {
    List<String> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String date =
          String.format(
              "%04d-%02d-%02d",
              random.nextInt(2200), 1 + random.nextInt(13), 1 + random.nextInt(31));
      String time =
          String.format(
              "%02d:%02d:%02d", random.nextInt(25), random.nextInt(61), random.nextInt(61));
      String fraction =
          random.nextBoolean() ? "" : "." + "123456789012".substring(0, random.nextInt(12));
      String offset =
          switch (random.nextInt(5)) {
            case 0 -> "Z";
            case 1 -> String.format("+%02d:%02d", random.nextInt(20), random.nextInt(60));
            case 2 -> String.format("-%02d:%02d", random.nextInt(20), random.nextInt(60));
            case 3 -> "+0200";
            default -> "";
          };
      String separator = random.nextInt(4) == 0 ? " " : "T";
      String shortTime = random.nextInt(4) == 0 ? time.substring(0, 5) : time;
      samples.add(date);
      samples.add(date + separator + shortTime + fraction);
      samples.add(date + separator + shortTime + fraction + offset);
    }
    return samples;
  }
}
