package io.synthos.ml.data.columns;

import io.synthos.proto.v1.Column;
import io.synthos.proto.v1.ColumnBatch;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the selected columns of one ingest as {@link ColumnBatch}es of sampled rows, one sequential
 * pass per column file. Blocking; not thread-safe (one caller at a time, e.g. an ordered worker
 * task per batch).
 */
public final class ColumnCursor implements Closeable {

  /** Most rows per batch. */
  public static final int MAX_BATCH_ROWS = 64 * 1024;

  /**
   * Encoded bytes per batch before it is cut: well under gRPC's default 256 KiB message limit,
   * which both Vert.x servers and clients enforce.
   */
  public static final int MAX_BATCH_BYTES = 192 * 1024;

  private static final int BUFFER = 16 * 1024;

  private final RowSample sample;
  private final List<Reader> readers;
  private long pending;

  private ColumnCursor(RowSample sample, List<Reader> readers) {
    this.sample = sample;
    this.readers = readers;
    this.pending = sample.nextIndex();
  }

  /**
   * Opens the columns named {@code names} (all, in file order, when empty) of the ingest in {@code
   * directory}.
   *
   * @throws UnknownColumnException when a name is not a column of the dataset
   */
  public static ColumnCursor open(Path directory, List<String> names, long sampleRows, long seed)
      throws IOException {
    ColumnManifest manifest = ColumnManifest.read(directory);
    Map<String, ColumnManifest.Entry> byName = new HashMap<>();
    manifest.columns().forEach(e -> byName.put(e.name(), e));
    List<ColumnManifest.Entry> chosen = new ArrayList<>();
    if (names.isEmpty()) {
      chosen.addAll(manifest.columns());
    }
    for (String name : names) {
      ColumnManifest.Entry entry = byName.get(name);
      if (entry == null) {
        throw new UnknownColumnException(name);
      }
      chosen.add(entry);
    }
    List<Reader> readers = new ArrayList<>();
    try {
      for (ColumnManifest.Entry entry : chosen) {
        readers.add(new Reader(entry, directory.resolve(entry.file())));
      }
    } catch (IOException e) {
      readers.forEach(Reader::closeQuietly);
      throw e;
    }
    return new ColumnCursor(new RowSample(manifest.rows(), sampleRows, seed), readers);
  }

  /** The next batch, or null when every sampled row has been returned. */
  public ColumnBatch next() throws IOException {
    if (pending < 0) {
      return null;
    }
    Column.Builder[] columns = new Column.Builder[readers.size()];
    for (int c = 0; c < columns.length; c++) {
      ColumnManifest.Entry entry = readers.get(c).entry;
      columns[c] = Column.newBuilder().setName(entry.name()).setType(entry.type());
    }
    ColumnBatch.Builder batch = ColumnBatch.newBuilder();
    long bytes = 0;
    int rows = 0;
    while (pending >= 0 && rows < MAX_BATCH_ROWS && bytes < MAX_BATCH_BYTES) {
      batch.addRowIndices(pending);
      bytes += 10;
      for (int c = 0; c < columns.length; c++) {
        bytes += readers.get(c).append(pending, columns[c]);
      }
      rows++;
      pending = sample.nextIndex();
    }
    for (Column.Builder column : columns) {
      batch.addColumns(column);
    }
    return batch.build();
  }

  @Override
  public void close() {
    readers.forEach(Reader::closeQuietly);
  }

  /** A name asked for that the dataset does not have. */
  public static final class UnknownColumnException extends IOException {
    UnknownColumnException(String name) {
      super("no column named \"" + name + "\"");
    }
  }

  /** One column file read forward only, skipping the rows the sample leaves out. */
  private static final class Reader {

    private final ColumnManifest.Entry entry;
    private final DataInputStream in;
    private long position;

    Reader(ColumnManifest.Entry entry, Path file) throws IOException {
      this.entry = entry;
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
    }

    /** Appends row {@code row}'s value to {@code column}; returns its approximate encoded size. */
    long append(long row, Column.Builder column) throws IOException {
      skipTo(row);
      position++;
      if (entry.numeric()) {
        double value = in.readDouble();
        column.addNumbers(value).addPresent(!Double.isNaN(value));
        return 9;
      }
      int length = in.readInt();
      if (length < 0) {
        column.addStrings("").addPresent(false);
        return 3;
      }
      column.addStrings(new String(in.readNBytes(length), StandardCharsets.UTF_8)).addPresent(true);
      return length + 4L;
    }

    private void skipTo(long row) throws IOException {
      if (entry.numeric()) {
        in.skipNBytes((row - position) * Double.BYTES);
        position = row;
        return;
      }
      while (position < row) {
        int length = in.readInt();
        if (length > 0) {
          in.skipNBytes(length);
        }
        position++;
      }
    }

    void closeQuietly() {
      try {
        in.close();
      } catch (IOException ignored) {
        // Read-only: nothing is lost by a failed close.
      }
    }
  }
}
