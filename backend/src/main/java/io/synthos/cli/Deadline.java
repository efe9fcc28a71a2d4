package io.synthos.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How long a run may take, checked between steps: a CI gate must not hang on a stuck queue. */
final class Deadline {

  private static final Pattern TEXT = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final String text;
  private final long endNanos;

  private Deadline(String text, long endNanos) {
    this.text = text;
    this.endNanos = endNanos;
  }

  /** No limit. */
  static Deadline none() {
    return new Deadline(null, 0);
  }

  /** Ends {@code timeout} from now; {@code text} is how the user wrote it. */
  static Deadline after(Duration timeout, String text) {
    return new Deadline(text, System.nanoTime() + timeout.toNanos());
  }

  /**
   * @throws CliException with {@link CliException#FAILED} once passed, saying what was going on
   */
  void check(String doing) {
    if (text != null && System.nanoTime() - endNanos > 0) {
      throw new CliException(CliException.FAILED, "timed out after " + text + " " + doing);
    }
  }

  /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 500ms}. */
  static Duration parse(String text) {
    Matcher matcher = TEXT.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration such as 90s, 30m or 2h");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  /** For {@code --timeout}: the duration's text, checked when parsed. */
  static final class Converter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        parse(value);
        return value.strip();
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
