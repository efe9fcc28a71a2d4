package io.synthos.ml;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The ML tests' fixtures, read from the test class path by absolute path ({@code /ingest/…}). */
public final class TestResources {

  private TestResources() {}

  /**
   * The bytes of the resource at {@code path}.
   *
   * @throws IllegalArgumentException when there is none
   */
  public static byte[] bytes(String path) {
    try (InputStream in = TestResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The resource at {@code path} as UTF-8 text. */
  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** The resource at {@code path} as a JSON object. */
  public static JsonObject json(String path) {
    return new JsonObject(text(path));
  }
}
