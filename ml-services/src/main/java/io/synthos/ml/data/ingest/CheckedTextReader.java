package io.synthos.ml.data.ingest;

import io.synthos.ml.data.ingest.IngestException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that knows the physical line it is on, so invalid bytes, NUL bytes (binary
 * files) and over-long lines are reported with a line number instead of being silently replaced. A
 * leading byte-order mark is dropped.
 */
final class CheckedTextReader extends Reader {

  private final InputStream in;
  private final int maxLineChars;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
  private final CharBuffer chars = CharBuffer.allocate(64 * 1024).flip();
  private boolean eof;
  private boolean flushed;
  private boolean started;
  private long line = 1;
  private int lineChars;

  CheckedTextReader(InputStream in, int maxLineChars) {
    this.in = in;
    this.maxLineChars = maxLineChars;
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    if (!started) {
      started = true;
      if (chars.get(chars.position()) == '\uFEFF') {
        chars.get();
        if (!chars.hasRemaining() && !fill()) {
          return -1;
        }
      }
    }
    int n = Math.min(length, chars.remaining());
    chars.get(target, offset, n);
    for (int i = offset; i < offset + n; i++) {
      char c = target[i];
      if (c == '\n') {
        line++;
        lineChars = 0;
      } else if (c == '\0') {
        throw IngestException.at(
            Kind.BINARY,
            line,
            "the file contains a NUL byte, so it looks binary; upload CSV, TSV or JSON Lines text");
      } else if (++lineChars > maxLineChars) {
        throw IngestException.at(
            Kind.LINE_TOO_LONG, line, "the line is longer than " + maxLineChars + " characters");
      }
    }
    return n;
  }

  /** Decodes the next chunk; false at the end of the input. */
  private boolean fill() throws IOException {
    if (flushed) {
      return false;
    }
    chars.clear();
    try {
      while (chars.position() == 0) {
        if (!eof) {
          bytes.compact();
          int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
          if (n < 0) {
            eof = true;
          } else {
            bytes.position(bytes.position() + n);
          }
          bytes.flip();
        }
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (result.isError()) {
          throw IngestException.at(
              Kind.INVALID_UTF8, line + newlines(chars), "the file is not valid UTF-8 text");
        }
        if (eof) {
          decoder.flush(chars);
          flushed = true;
          break;
        }
      }
    } finally {
      chars.flip();
    }
    return chars.hasRemaining();
  }

  private static long newlines(CharBuffer decoded) {
    long count = 0;
    for (int i = 0; i < decoded.position(); i++) {
      if (decoded.get(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
