package dev.pith.inference.models;

import dev.pith.inference.CancellationToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one catalog model: checks the disk has room, downloads each file into the staging folder (skipping
 * files an earlier pull verified), and publishes the folder with its manifest once every file is verified. A
 * failed or cancelled pull leaves only the staging folder, which is never listed and which the next pull
 * resumes from.
 */
final class ModelPull {
  private static final Logger LOG = LoggerFactory.getLogger(ModelPull.class);

  private final Path modelsDir;
  private final DownloadSettings settings;
  private final Clock clock;

  ModelPull(Path modelsDir, DownloadSettings settings, Clock clock) {
    this.modelsDir = modelsDir;
    this.settings = settings;
    this.clock = clock;
  }

  /** Downloads and installs {@code entry} into {@code <models>/<id>}; see {@link ModelStore#pull}. */
  Path run(CatalogEntry entry, PullListener listener, CancellationToken cancel) throws ModelException {
    String id = entry.id();
    Path target = modelsDir.resolve(id);
    try (Staging staging = Staging.open(modelsDir, id, id)) {
      checkSpace(entry, staging);
      ProgressMeter meter = new ProgressMeter(id, entry, listener, settings.progressInterval(), System::nanoTime);
      HttpFetch fetch = new HttpFetch(settings);
      List<ManifestFile> files = new ArrayList<>();
      int index = 0;
      for (CatalogFile file : entry.files()) {
        index++;
        Optional<ManifestFile> earlier = staging.verified(file.path()).filter(f -> matches(file, f));
        if (earlier.isPresent()) {
          meter.startFile(file, index, earlier.get().size());
          meter.finishFile();
          files.add(earlier.get());
          continue;
        }
        meter.startFile(file, index, partLength(staging.part(file.path())));
        ManifestFile done = download(fetch, entry, file, staging, meter, cancel);
        meter.finishFile();
        record(staging, done);
        files.add(done);
      }
      if (Files.exists(target)) {
        throw new ModelException(target + " appeared while downloading; remove it and pull again");
      }
      publish(staging, new Manifest(id, Manifest.CATALOG, clock.instant(), files, entry.json(), null), target);
      LOG.info("installed {} in {}", id, target);
      return target;
    }
  }

  private ManifestFile download(HttpFetch fetch, CatalogEntry entry, CatalogFile file, Staging staging,
      ProgressMeter meter, CancellationToken cancel) throws ModelException {
    try {
      return new FileDownload(fetch, settings, file, entry.urlOf(file, settings.hub().endpoint()), staging, meter,
          cancel).run();
    } catch (AttemptFailure cancelled) {
      long kept = Folders.size(staging.dir());
      throw new PullCancelledException("download of " + entry.id() + " cancelled; " + ByteSize.format(kept)
          + " kept in " + staging.dir() + " to resume", kept);
    }
  }

  /** An earlier pull's file counts only if it still fits the catalog's pins. */
  private static boolean matches(CatalogFile file, ManifestFile verified) {
    return (!file.sizeKnown() || file.size() == verified.size())
        && (file.sha256() == null || file.sha256().equals(verified.sha256()));
  }

  /** Before anything is downloaded: the pinned bytes still missing must fit on the disk. */
  private void checkSpace(CatalogEntry entry, Staging staging) throws ModelException {
    long needed = 0;
    for (CatalogFile file : entry.files()) {
      if (file.sizeKnown() && staging.verified(file.path()).filter(f -> matches(file, f)).isEmpty()) {
        needed += Math.max(0, file.size() - partLength(staging.part(file.path())));
      }
    }
    String shortOfSpace = settings.shortOfSpace(modelsDir, needed);
    if (shortOfSpace != null) {
      throw new ModelException(shortOfSpace);
    }
  }

  private static long partLength(Path part) {
    try {
      return Files.isRegularFile(part) ? Files.size(part) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void record(Staging staging, ManifestFile done) throws ModelException {
    try {
      staging.markVerified(done);
    } catch (IOException e) {
      throw new ModelException("cannot write in " + staging.dir() + ": " + e.getMessage(), e);
    }
  }

  private static void publish(Staging staging, Manifest manifest, Path target) throws ModelException {
    try {
      staging.publish(manifest, target);
    } catch (IOException e) {
      throw new ModelException("cannot install " + manifest.id() + " in " + target + ": " + e.getMessage(), e);
    }
  }
}
