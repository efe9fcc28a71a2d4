package io.synthos.api.datasets;

import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an upload's body starts: {@code Content-Range: bytes START-END/TOTAL} (TOTAL may be {@code
 * *}) resumes at START; without it the upload starts over at 0.
 */
final class ContentRange {

  private static final Pattern RANGE =
      Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

  private ContentRange() {}

  /**
   * @throws IllegalArgumentException when the header is malformed or disagrees with the body
   */
  static long startOf(HttpServerRequest request) {
    String header = request.getHeader("Content-Range");
    if (header == null) {
      return 0;
    }
    Matcher range = RANGE.matcher(header.strip());
    if (!range.matches()) {
      throw new IllegalArgumentException(
          "Content-Range must read 'bytes START-END/TOTAL' (TOTAL may be *), got '" + header + "'");
    }
    long start = Long.parseLong(range.group(1));
    long end = Long.parseLong(range.group(2));
    if (end < start) {
      throw new IllegalArgumentException("Content-Range ends before it starts");
    }
    if (!"*".equals(range.group(3)) && end >= Long.parseLong(range.group(3))) {
      throw new IllegalArgumentException("Content-Range ends beyond its total");
    }
    String length = request.getHeader("Content-Length");
    if (length != null && Long.parseLong(length.strip()) != end - start + 1) {
      throw new IllegalArgumentException(
          "Content-Range covers " + (end - start + 1) + " bytes but Content-Length is " + length);
    }
    return start;
  }
}
