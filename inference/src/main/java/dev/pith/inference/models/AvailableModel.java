package dev.pith.inference.models;

import java.util.Optional;

/**
 * A row of the models list: a catalog model with whether it is installed, or an installed model the catalog
 * does not have (an import, a folder put there by hand).
 */
public final class AvailableModel {
  /** Where a model stands on this machine. */
  public enum State {
    /** Installed and loadable. */
    INSTALLED,
    /** A pull started and stopped; pulling again resumes. */
    PARTIAL,
    /** In the catalog, not downloaded. */
    AVAILABLE,
    /** Runs on the NPU; hailo-ollama downloads it, not Pith. */
    NPU
  }

  private final String id;
  private final CatalogEntry entry;
  private final InstalledModel installed;
  private final long partialBytes;

  AvailableModel(String id, CatalogEntry entry, InstalledModel installed, long partialBytes) {
    this.id = id;
    this.entry = entry;
    this.installed = installed;
    this.partialBytes = partialBytes;
  }

  public String id() {
    return id;
  }

  /** The catalog entry, or empty for a model the catalog does not have. */
  public Optional<CatalogEntry> entry() {
    return Optional.ofNullable(entry);
  }

  public Optional<InstalledModel> installed() {
    return Optional.ofNullable(installed);
  }

  /** Bytes of an unfinished pull kept for resuming (0 when there is none). */
  public long partialBytes() {
    return partialBytes;
  }

  public State state() {
    if (installed != null) {
      return State.INSTALLED;
    }
    if (entry != null && !entry.downloadable()) {
      return State.NPU;
    }
    return partialBytes > 0 ? State.PARTIAL : State.AVAILABLE;
  }
}
