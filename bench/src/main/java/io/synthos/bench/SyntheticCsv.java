package io.synthos.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Writes a reproducible CSV of 20 mixed columns, shaped like the uploads the data service profiles:
 * integers, floats with missing values (empty or {@code NA}), booleans, ISO dates and date-times,
 * low-cardinality categoricals, a zero-padded code, a string id, and a quoted free-text column with
 * embedded commas and, now and then, doubled quotes and line breaks. The same seed and size always
 * give the same bytes, so Synthos and DuckDB read identical files across runs.
 */
final class SyntheticCsv {

  static final String HEADER =
      "id,user_id,age,visits,amount,score,ratio,temperature,active,verified,signup_date,"
          + "last_seen,country,plan,device,status,zip,quantity,price,comment";

  static final int COLUMNS = HEADER.split(",").length;

  /** Values DuckDB must read as NULL to type the columns as Synthos does (its missing markers). */
  static final String DUCKDB_NULLS = "['', 'NA']";

  private static final String[] COUNTRIES = {
    "FR", "DE", "IT", "ES", "PT", "NL", "BE", "LU", "AT", "CH", "PL", "CZ", "SE", "NO", "DK", "FI",
    "IE", "GB", "US", "CA"
  };
  private static final String[] PLANS = {"free", "basic", "pro", "enterprise"};
  private static final String[] DEVICES = {"ios", "android", "web", "desktop", "tv", "other"};
  private static final String[] STATUSES = {"new", "active", "churned", "paused", "banned"};
  private static final String[] WORDS = {
    "fast", "delivery", "great", "product", "but", "the", "box", "was", "damaged", "would", "buy",
    "again", "support", "answered", "quickly", "price", "too", "high", "for", "what", "you", "get",
    "love", "it", "colour", "not", "as", "shown", "works", "fine"
  };
  private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
  private static final LocalDateTime FIRST_SECOND = LocalDateTime.of(2024, 1, 1, 0, 0);

  private SyntheticCsv() {}

  /** Writes rows until the file reaches {@code bytes}; answers the number of data rows. */
  static long writeBytes(Path file, long bytes, long seed) throws IOException {
    return write(file, Long.MAX_VALUE, bytes, seed);
  }

  /** Writes exactly {@code rows} data rows; answers the file's size in bytes. */
  static long writeRows(Path file, long rows, long seed) throws IOException {
    write(file, rows, Long.MAX_VALUE, seed);
    return Files.size(file);
  }

  private static long write(Path file, long maxRows, long maxBytes, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder row = new StringBuilder(512);
    long written = HEADER.length() + 1;
    long rows = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      while (rows < maxRows && written < maxBytes) {
        row.setLength(0);
        appendRow(row, rows, random);
        out.append(row);
        // Every generated character is ASCII: one char is one byte.
        written += row.length();
        rows++;
      }
    }
    return rows;
  }

  private static void appendRow(StringBuilder row, long index, SplittableRandom r) {
    row.append(index + 1).append(',');
    row.append("u-").append(Long.toHexString(r.nextLong() >>> 16)).append(',');
    row.append(18 + r.nextInt(73)).append(',');
    row.append(r.nextInt(10_000)).append(',');
    missingOr(row, r, 0.05, "", () -> fixed(r.nextInt(1_000_000), 2));
    missingOr(row, r, 0.10, "NA", () -> fixed(r.nextInt(1_200_000) - 200_000, 4));
    missingOr(row, r, 0.02, "", () -> Double.toString(r.nextDouble()));
    row.append(Math.round(r.nextDouble() * 800 - 200) / 10.0).append(',');
    row.append(r.nextInt(3) == 0 ? "false" : "true").append(',');
    row.append(r.nextBoolean() ? "yes" : "no").append(',');
    row.append(FIRST_DAY.plusDays(r.nextInt(3_650))).append(',');
    row.append(FIRST_SECOND.plusSeconds(r.nextInt(31_536_000)).withNano(0)).append(',');
    row.append(COUNTRIES[skewed(r, COUNTRIES.length)]).append(',');
    row.append(PLANS[skewed(r, PLANS.length)]).append(',');
    row.append(DEVICES[r.nextInt(DEVICES.length)]).append(',');
    missingOr(row, r, 0.03, "", () -> STATUSES[r.nextInt(STATUSES.length)]);
    String zip = Integer.toString(r.nextInt(100_000));
    row.append("0".repeat(5 - zip.length())).append(zip).append(',');
    row.append(1 + r.nextInt(20)).append(',');
    row.append(fixed(99 + r.nextInt(50_000), 2)).append(',');
    appendComment(row, r);
    row.append('\n');
  }

  /** A quoted sentence with commas; about 2% carry a quotation, 0.5% span two lines. */
  private static void appendComment(StringBuilder row, SplittableRandom r) {
    row.append('"');
    int words = 3 + r.nextInt(12);
    for (int i = 0; i < words; i++) {
      row.append(i == 0 ? "" : r.nextInt(5) == 0 ? ", " : " ");
      row.append(WORDS[r.nextInt(WORDS.length)]);
    }
    if (r.nextInt(50) == 0) {
      row.append(", they said \"\"").append(WORDS[r.nextInt(WORDS.length)]).append("\"\"");
    }
    if (r.nextInt(200) == 0) {
      row.append("\nsecond line");
    }
    row.append('"');
  }

  private static void missingOr(
      StringBuilder row, SplittableRandom r, double p, String marker, Supplier<String> value) {
    row.append(r.nextDouble() < p ? marker : value.get()).append(',');
  }

  /** Index in [0, n) where lower indexes are more frequent, as real categories are. */
  private static int skewed(SplittableRandom r, int n) {
    return (int) (n * Math.pow(r.nextDouble(), 2));
  }

  /** {@code units} as a decimal with {@code decimals} places: fixed(-1234, 2) is "-12.34". */
  private static String fixed(int units, int decimals) {
    String digits = Integer.toString(Math.abs(units));
    digits = "0".repeat(Math.max(0, decimals + 1 - digits.length())) + digits;
    int point = digits.length() - decimals;
    return (units < 0 ? "-" : "") + digits.substring(0, point) + "." + digits.substring(point);
  }
}
