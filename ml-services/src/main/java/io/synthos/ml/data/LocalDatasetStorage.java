package io.synthos.ml.data;

import io.synthos.proto.v1.DatasetStat;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Datasets on the local filesystem, under {@code <dataDir>/datasets}:
 *
 * <pre>
 * .staging/&lt;id&gt;.part         an unfinished upload
 * .trash/&lt;id&gt;/               a dataset being deleted
 * &lt;id&gt;/original              the committed bytes, immutable
 * &lt;id&gt;/current               names the current ingest directory (replaced atomically)
 * &lt;id&gt;/ingest-&lt;uuid&gt;/        profile.json, columns.json and one file per column
 * </pre>
 */
final class LocalDatasetStorage implements DatasetStorage {

  private static final Logger LOG = LoggerFactory.getLogger(LocalDatasetStorage.class);
  private static final Pattern INGEST_DIR = Pattern.compile("ingest-[0-9a-f-]{36}");

  private final FileSystem fileSystem;
  private final Supplier<WorkerExecutor> workers;
  private final Path datasets;
  private final Path staging;
  private final Path trash;

  /**
   * @param workers the pool for hashing and moving files (looked up per call: the verticle creates
   *     it after the service)
   */
  LocalDatasetStorage(FileSystem fileSystem, String dataDir, Supplier<WorkerExecutor> workers) {
    this.fileSystem = fileSystem;
    this.workers = workers;
    this.datasets = Path.of(dataDir, "datasets");
    this.staging = datasets.resolve(".staging");
    this.trash = datasets.resolve(".trash");
  }

  @Override
  public Future<DatasetStat> stat(UUID id) {
    // One props call instead of exists-then-props: a file removed in between is simply missing.
    return fileSystem
        .props(original(id).toString())
        .map(props -> stored(id, props))
        .recover(
            cause ->
                isMissing(cause) ? Future.succeededFuture(missing(id)) : unreadable(id, cause));
  }

  @Override
  public Future<Long> stagedBytes(UUID id) {
    return fileSystem
        .props(part(id).toString())
        .map(FileProps::size)
        .recover(cause -> isMissing(cause) ? Future.succeededFuture(0L) : unreadable(id, cause));
  }

  @Override
  public Future<WriteStream<Buffer>> openStaging(UUID id, long offset) {
    OpenOptions options =
        new OpenOptions().setRead(false).setWrite(true).setCreate(true).setTruncateExisting(false);
    return fileSystem
        .mkdirs(staging.toString())
        .compose(made -> fileSystem.open(part(id).toString(), options))
        .map(file -> (WriteStream<Buffer>) file.setWritePos(offset));
  }

  @Override
  public Future<Void> deleteStaging(UUID id) {
    return fileSystem
        .delete(part(id).toString())
        .recover(cause -> isMissing(cause) ? Future.succeededFuture() : unreadable(id, cause));
  }

  @Override
  public Future<DatasetStat> commit(UUID id, String expectedSha256) {
    return workers.get().executeBlocking(() -> commitBlocking(id, expectedSha256), false);
  }

  private DatasetStat commitBlocking(UUID id, String expectedSha256) throws IOException {
    Path part = part(id);
    Path original = original(id);
    if (Files.exists(original)) {
      throw alreadyCommitted(id);
    }
    if (!Files.isRegularFile(part)) {
      throw new StatusException(
          GrpcStatus.FAILED_PRECONDITION, "nothing is staged for dataset " + id);
    }
    if (!expectedSha256.isEmpty()) {
      String actual = sha256(part);
      if (!actual.equalsIgnoreCase(expectedSha256)) {
        throw new StatusException(
            GrpcStatus.INVALID_ARGUMENT,
            "sha256 mismatch for dataset "
                + id
                + ": expected "
                + expectedSha256
                + ", the staged bytes hash to "
                + actual
                + "; upload again or abort");
      }
    }
    Files.createDirectories(original.getParent());
    try {
      // A hard link publishes atomically and, unlike a rename, never replaces an original that a
      // concurrent commit published first; removing the staged name then completes the "move".
      Files.createLink(original, part);
    } catch (FileAlreadyExistsException raced) {
      throw alreadyCommitted(id);
    } catch (UnsupportedOperationException noLinks) {
      Files.move(part, original, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.deleteIfExists(part);
    return DatasetStat.newBuilder()
        .setDatasetId(id.toString())
        .setStored(true)
        .setSizeBytes(Files.size(original))
        .build();
  }

  @Override
  public Future<AsyncFile> readOriginal(UUID id) {
    OpenOptions readOnly = new OpenOptions().setRead(true).setWrite(false).setCreate(false);
    return fileSystem
        .open(original(id).toString(), readOnly)
        .recover(
            cause ->
                isMissing(cause)
                    ? Failures.status(
                        GrpcStatus.NOT_FOUND,
                        "dataset " + id + " is not stored: upload and commit it first")
                    : unreadable(id, cause));
  }

  @Override
  public Future<Void> delete(UUID id) {
    String dataset = datasets.resolve(id.toString()).toString();
    String doomed = trash.resolve(id.toString()).toString();
    // Moving the directory aside first makes the dataset vanish in one atomic step: a crash
    // midway leaves trash that the next delete of the id sweeps, never an ingest without its
    // original.
    return deleteTree(id, doomed)
        .compose(swept -> fileSystem.mkdirs(trash.toString()))
        .compose(made -> fileSystem.move(dataset, doomed, new CopyOptions().setAtomicMove(true)))
        .recover(cause -> isMissing(cause) ? Future.succeededFuture() : undeletable(id, cause))
        .compose(moved -> deleteTree(id, doomed))
        .compose(deleted -> deleteStaging(id));
  }

  private Future<Void> deleteTree(UUID id, String directory) {
    return fileSystem
        .deleteRecursive(directory)
        .recover(cause -> isMissing(cause) ? Future.succeededFuture() : undeletable(id, cause));
  }

  @Override
  public Future<Optional<String>> profileJson(UUID id) {
    return workers
        .get()
        .executeBlocking(
            () -> {
              Optional<Path> current = currentIngest(id);
              return current.isEmpty()
                  ? Optional.<String>empty()
                  : Optional.of(Files.readString(current.get().resolve("profile.json")));
            },
            false);
  }

  @Override
  public InputStream openOriginal(UUID id) throws IOException {
    return Files.newInputStream(original(id));
  }

  @Override
  public Path newIngestDirectory(UUID id) throws IOException {
    Path dir = datasets.resolve(id.toString());
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    return Files.createDirectory(dir.resolve(".tmp-ingest-" + UUID.randomUUID()));
  }

  @Override
  public void publishIngest(UUID id, Path directory) throws IOException {
    Path dir = datasets.resolve(id.toString());
    Optional<Path> previous = currentIngest(id);
    String name = "ingest-" + UUID.randomUUID();
    Files.move(directory, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    Path pointer = dir.resolve("current.tmp-" + UUID.randomUUID());
    Files.writeString(pointer, name, StandardCharsets.UTF_8);
    // The pointer is the commit point: profile and columns change together or not at all.
    Files.move(
        pointer,
        dir.resolve("current"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    previous.ifPresent(this::discardIngest);
  }

  @Override
  public void discardIngest(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(LocalDatasetStorage::deleteQuietly);
    } catch (IOException e) {
      LOG.warn("data service: cannot remove {}", directory, e);
    }
  }

  @Override
  public Optional<Path> currentIngest(UUID id) throws IOException {
    Path pointer = datasets.resolve(id.toString()).resolve("current");
    String name;
    try {
      name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException never) {
      return Optional.empty();
    }
    // The pointer's text becomes a path: accept only the names this class writes.
    if (!INGEST_DIR.matcher(name).matches()) {
      throw new IOException("corrupt ingest pointer " + pointer);
    }
    return Optional.of(pointer.resolveSibling(name));
  }

  private Path original(UUID id) {
    return datasets.resolve(id.toString()).resolve("original");
  }

  private Path part(UUID id) {
    return staging.resolve(id + ".part");
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static StatusException alreadyCommitted(UUID id) {
    return new StatusException(
        GrpcStatus.ALREADY_EXISTS, "dataset " + id + " is already committed and is immutable");
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("data service: cannot remove {}", path, e);
    }
  }

  private static DatasetStat stored(UUID id, FileProps props) {
    if (!props.isRegularFile()) {
      return missing(id);
    }
    return DatasetStat.newBuilder()
        .setDatasetId(id.toString())
        .setStored(true)
        .setSizeBytes(props.size())
        .build();
  }

  private static DatasetStat missing(UUID id) {
    return DatasetStat.newBuilder().setDatasetId(id.toString()).setStored(false).build();
  }

  static boolean isMissing(Throwable cause) {
    return cause instanceof NoSuchFileException || cause.getCause() instanceof NoSuchFileException;
  }

  private static <T> Future<T> undeletable(UUID id, Throwable cause) {
    if (cause instanceof StatusException) {
      return Future.failedFuture(cause);
    }
    LOG.warn("data service: cannot delete dataset {}", id, cause);
    return Failures.status(GrpcStatus.INTERNAL, "cannot delete dataset " + id);
  }

  private static <T> Future<T> unreadable(UUID id, Throwable cause) {
    // The cause names server paths: log it here, tell the caller only which dataset failed.
    LOG.warn("data service: cannot read dataset {}", id, cause);
    return Failures.status(GrpcStatus.INTERNAL, "cannot read dataset " + id);
  }
}
