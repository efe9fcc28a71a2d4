package io.synthos.ml.data.columns;

import io.synthos.ml.data.ingest.ColumnProfile;
import io.synthos.ml.data.ingest.ColumnType;
import io.synthos.ml.data.ingest.DatasetProfile;
import io.synthos.ml.data.ingest.TypedRowSink;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the typed columnar copy of a dataset into a directory: one file per column and the {@link
 * ColumnManifest}. Blocking; one open file per column (at most the ingest's column limit).
 */
public final class ColumnFilesWriter implements TypedRowSink, AutoCloseable {

  private static final int BUFFER = 16 * 1024;

  private final Path directory;
  private final List<ColumnManifest.Entry> entries = new ArrayList<>();
  private final DataOutputStream[] outs;
  private long rows;

  public ColumnFilesWriter(Path directory, DatasetProfile profile) throws IOException {
    this(
        directory,
        profile.columns().stream().map(ColumnProfile::name).toList(),
        profile.columns().stream().map(ColumnProfile::type).toList());
  }

  /** Columns of these names and types, in file order. */
  public ColumnFilesWriter(Path directory, List<String> names, List<ColumnType> types)
      throws IOException {
    this.directory = directory;
    this.outs = new DataOutputStream[names.size()];
    for (int i = 0; i < outs.length; i++) {
      ColumnType type = types.get(i);
      boolean numeric = type.numeric() || type == ColumnType.BOOLEAN;
      String file = "c" + i + (numeric ? ".f64" : ".str");
      entries.add(new ColumnManifest.Entry(names.get(i), type.jsonName(), file, numeric));
      outs[i] =
          new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(directory.resolve(file)), BUFFER));
    }
  }

  @Override
  public void number(int column, double value) throws IOException {
    outs[column].writeDouble(value);
  }

  @Override
  public void text(int column, String value) throws IOException {
    if (value == null) {
      outs[column].writeInt(-1);
    } else {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      outs[column].writeInt(utf8.length);
      outs[column].write(utf8);
    }
  }

  @Override
  public void endRow() {
    rows++;
  }

  /** Closes and deletes the column files written so far: the copy will be written again. */
  public void discard() throws IOException {
    close();
    for (ColumnManifest.Entry entry : entries) {
      Files.deleteIfExists(directory.resolve(entry.file()));
    }
  }

  /** Flushes every column and writes the manifest. */
  public void finish() throws IOException {
    close();
    new ColumnManifest(rows, entries).write(directory);
  }

  /**
   * The same, naming each column's final type: a categorical column the profile finally calls text
   * is stored the same way, and its manifest says text.
   */
  public void finish(DatasetProfile profile) throws IOException {
    for (int i = 0; i < entries.size(); i++) {
      ColumnManifest.Entry entry = entries.get(i);
      entries.set(
          i,
          new ColumnManifest.Entry(
              entry.name(),
              profile.columns().get(i).type().jsonName(),
              entry.file(),
              entry.numeric()));
    }
    finish();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (DataOutputStream out : outs) {
      try {
        if (out != null) {
          out.close();
        }
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
