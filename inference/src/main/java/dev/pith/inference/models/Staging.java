package dev.pith.inference.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The folder a model is assembled in, {@code <models>/.partial/<name>/}, before it is published as
 * {@code <models>/<id>/} with one atomic rename. Nothing under {@code .partial} is ever listed or loaded.
 *
 * <p>It holds each file as {@code <path>.part} while it downloads and under its own name once verified, plus
 * {@code .pith-verified.json} recording the verified files, so a pull that stopped resumes without re-hashing
 * them. A lock file beside the folder ({@code .partial/<id>.lock}) keeps two pulls of one model, in this
 * process or another Pith, from writing the same files.
 */
final class Staging implements AutoCloseable {
  static final String DIR = ".partial";
  static final String PART_SUFFIX = ".part";
  private static final String STATE = ".pith-verified.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private Staging(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** {@code <models>/.partial/<name>}, where a pull of model {@code name} is assembled. */
  static Path folder(Path modelsDir, String name) {
    return modelsDir.resolve(DIR).resolve(name);
  }

  /**
   * Creates (or reopens) the staging folder {@code name} for model {@code id} and locks the id.
   *
   * @throws ModelException when another pull or import of the id holds the lock, or the folder cannot be made
   */
  static Staging open(Path modelsDir, String id, String name) throws ModelException {
    Path dir = folder(modelsDir, name);
    Path lockFile = modelsDir.resolve(DIR).resolve(id + ".lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw busy(id, channel);
      }
      return new Staging(dir, channel, lock);
    } catch (OverlappingFileLockException e) {
      throw busy(id, channel);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ModelException("cannot prepare " + dir + ": " + e.getMessage(), e);
    }
  }

  private static ModelException busy(String id, FileChannel channel) {
    closeQuietly(channel);
    return new ModelException("model '" + id + "' is being downloaded or imported right now"
        + " (by this or another Pith)");
  }

  Path dir() {
    return dir;
  }

  Path part(String path) {
    return ModelPaths.resolve(dir, path + PART_SUFFIX);
  }

  Path file(String path) {
    return ModelPaths.resolve(dir, path);
  }

  /** The record of a file verified by an earlier pull, when the file is still there with that size. */
  Optional<ManifestFile> verified(String path) {
    JsonNode entry = state().path(path);
    if (!entry.isObject()) {
      return Optional.empty();
    }
    ManifestFile file = new ManifestFile(path, entry.path("size").asLong(-1), entry.path("sha256").asText(),
        entry.path("checked_against").asText(ManifestFile.NONE));
    try {
      return Files.size(file(path)) == file.size() ? Optional.of(file) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Records a verified file (rewriting the record through a temporary file). */
  void markVerified(ManifestFile file) throws IOException {
    ObjectNode state = state();
    state.putObject(file.path()).put("size", file.size()).put("sha256", file.sha256())
        .put("checked_against", file.checkedAgainst());
    Path tmp = dir.resolve(STATE + ".tmp");
    Files.write(tmp, JSON.writeValueAsBytes(state));
    Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private ObjectNode state() {
    Path file = dir.resolve(STATE);
    try {
      JsonNode node = Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
      return node instanceof ObjectNode ? (ObjectNode) node : JSON.createObjectNode();
    } catch (IOException e) {
      return JSON.createObjectNode(); // a damaged record only costs re-downloading
    }
  }

  /** Removes everything in the folder (an import starts from nothing). */
  void clear() throws IOException {
    Folders.deleteTree(dir);
    Files.createDirectories(dir);
  }

  /**
   * Writes the manifest (the last file written) and renames the folder to {@code target} in one step, so the
   * model appears complete or not at all.
   */
  void publish(Manifest manifest, Path target) throws IOException {
    Files.deleteIfExists(dir.resolve(STATE));
    manifest.write(dir);
    Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it too.
    }
    // The lock file stays (empty): deleting it would let a second Pith lock a new file of the same name while
    // a third still holds the old one.
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
