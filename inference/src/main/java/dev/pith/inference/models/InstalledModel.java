package dev.pith.inference.models;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A model folder Pith can load: one it installed (it has a manifest), or one a user put under the models folder
 * by hand that reads as a model (no manifest; kept working so that copying a folder there is enough).
 */
public final class InstalledModel {
  private final String id;
  private final Path dir;
  private final Manifest manifest;
  private final long sizeBytes;

  InstalledModel(String id, Path dir, Manifest manifest, long sizeBytes) {
    this.id = Objects.requireNonNull(id, "id");
    this.dir = Objects.requireNonNull(dir, "dir");
    this.manifest = manifest;
    this.sizeBytes = sizeBytes;
  }

  /** The folder name: what {@code --model} takes. */
  public String id() {
    return id;
  }

  public Path dir() {
    return dir;
  }

  /** What Pith installed, or empty for a folder put there by hand. */
  public Optional<Manifest> manifest() {
    return Optional.ofNullable(manifest);
  }

  /** {@code catalog}, {@code import}, or {@code folder} for a folder without a manifest. */
  public String origin() {
    return manifest == null ? "folder" : manifest.origin();
  }

  /** Bytes on disk, including what Pith wrote next to the model (its optimized graph). */
  public long sizeBytes() {
    return sizeBytes;
  }

  @Override
  public String toString() {
    return id + " (" + origin() + ", " + dir + ")";
  }
}
