package io.synthos.bench;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The numpy side of a benchmark: the generated columns written as raw arrays for a script under
 * {@code bench/reference/}, the script run in the same process tree, its last JSON line read back.
 */
final class NumpyPeer {

  private NumpyPeer() {}

  /**
   * Raw little-endian arrays ({@code real.N.f64} for numbers, NaN missing; {@code real.N.i32} for
   * category codes, -1 missing) and a {@code manifest.json} naming each column's kind.
   */
  static void write(Path dir, List<MatchedColumn> columns) throws IOException {
    Files.createDirectories(dir);
    JsonArray manifest = new JsonArray();
    for (int c = 0; c < columns.size(); c++) {
      MatchedColumn column = columns.get(c);
      for (String side : List.of("real", "synthetic")) {
        Column values = side.equals("real") ? column.real() : column.synthetic();
        ByteBuffer bytes =
            ByteBuffer.allocate(values.size() * (column.numeric() ? 8 : 4))
                .order(ByteOrder.LITTLE_ENDIAN);
        if (column.numeric()) {
          bytes.asDoubleBuffer().put(values.numbers());
        } else {
          bytes.asIntBuffer().put(values.codes());
        }
        Files.write(
            dir.resolve(side + "." + c + (column.numeric() ? ".f64" : ".i32")), bytes.array());
      }
      manifest.add(
          new JsonObject()
              .put("name", column.name())
              .put("kind", column.kind().name().toLowerCase(Locale.ROOT))
              .put("index", c)
              .put("categories", new JsonArray(column.categories())));
    }
    Files.writeString(dir.resolve("manifest.json"), manifest.encodePrettily());
  }

  /** Runs {@code python3 script args…} and answers the JSON object it printed last. */
  static JsonObject run(String script, String... args) throws IOException, InterruptedException {
    String python = System.getProperty("bench.python", "python3");
    List<String> command = Stream.concat(Stream.of(python, script), Stream.of(args)).toList();
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      out = reader.lines().collect(Collectors.joining("\n"));
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException(script + " failed: " + out);
    }
    return new JsonObject(out.substring(out.lastIndexOf("\n{") + 1));
  }
}
