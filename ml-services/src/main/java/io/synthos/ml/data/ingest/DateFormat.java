package io.synthos.ml.data.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The date and date-time layouts recognised as {@link ColumnType#DATETIME}. A column must use one
 * of them throughout. Values without an offset are taken as UTC; a date alone is midnight UTC.
 * Slash dates ({@code 31/01/2024}, {@code 01/31/2024}) are deliberately absent: day-first and
 * month-first cannot be told apart reliably, so such columns stay categorical or text.
 */
enum DateFormat {
  /** {@code 2024-01-31}. */
  ISO_DATE(DateTimeFormatter.ISO_LOCAL_DATE, Kind.DATE),
  /** {@code 2024-01-31T12:00}, {@code 2024-01-31T12:00:00.5}. */
  ISO_LOCAL_DATE_TIME(DateTimeFormatter.ISO_LOCAL_DATE_TIME, Kind.LOCAL),
  /** {@code 2024-01-31T12:00:00Z}, {@code 2024-01-31T12:00:00+02:00}. */
  ISO_OFFSET_DATE_TIME(DateTimeFormatter.ISO_OFFSET_DATE_TIME, Kind.OFFSET),
  /** {@code 2024-01-31 12:00:00}, optionally with a fraction of a second. */
  SPACE_DATE_TIME(
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .appendPattern("HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .toFormatter(),
      Kind.LOCAL);

  /** Whether {@code text} is a date alone, a local date-time, or one with an offset. */
  boolean hasTime() {
    return kind != Kind.DATE;
  }

  boolean hasOffset() {
    return kind == Kind.OFFSET;
  }

  /** The character between date and time: 'T', or ' ' for {@link #SPACE_DATE_TIME}. */
  char separator() {
    return this == SPACE_DATE_TIME ? ' ' : 'T';
  }

  /** Whether the seconds may be left out, as ISO-8601 allows ({@code 2024-01-31T12:00}). */
  boolean secondsOptional() {
    return this != SPACE_DATE_TIME;
  }

  private enum Kind {
    DATE,
    LOCAL,
    OFFSET
  }

  private final DateTimeFormatter formatter;
  private final Kind kind;

  DateFormat(DateTimeFormatter formatter, Kind kind) {
    this.formatter = formatter;
    this.kind = kind;
  }

  /** Epoch seconds (fractional) of {@code text} in this layout, or NaN if it is not one. */
  double epochSeconds(String text) {
    // Cheap shape check first: every layout starts yyyy-MM-dd, and most strings are not dates.
    if (text.length() < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return Double.NaN;
    }
    double fast = FixedWidthDates.epochSeconds(text, this);
    return Double.isNaN(fast) ? byFormatter(text) : fast;
  }

  /** The same, by {@code java.time} alone: the authority {@link FixedWidthDates} agrees with. */
  double byFormatter(String text) {
    try {
      return switch (kind) {
        case DATE -> LocalDate.parse(text, formatter).toEpochDay() * 86_400.0;
        case LOCAL -> {
          LocalDateTime t = LocalDateTime.parse(text, formatter);
          yield seconds(t.toEpochSecond(ZoneOffset.UTC), t.getNano());
        }
        case OFFSET -> {
          OffsetDateTime t = OffsetDateTime.parse(text, formatter);
          yield seconds(t.toEpochSecond(), t.getNano());
        }
      };
    } catch (DateTimeParseException e) {
      return Double.NaN;
    }
  }

  private static double seconds(long epochSecond, int nanos) {
    return epochSecond + nanos / 1e9;
  }

  /** The first layout {@code text} parses in, or null. */
  static DateFormat detect(String text) {
    for (DateFormat format : values()) {
      if (!Double.isNaN(format.epochSeconds(text))) {
        return format;
      }
    }
    return null;
  }
}
