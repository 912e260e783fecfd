package dev.pith.inference.models;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file of a model into the staging folder: streams to {@code <path>.part}, resumes from its length
 * with {@code Range: bytes=N-}, starts over when the server ignores the range, retries with exponential backoff,
 * and moves the file to its own name only after its size and SHA-256 are checked.
 */
final class FileDownload {
  private static final Logger LOG = LoggerFactory.getLogger(FileDownload.class);
  private static final long POLL_MILLIS = 50;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");

  private final HttpFetch fetch;
  private final DownloadSettings settings;
  private final CatalogFile file;
  private final URI url;
  private final Staging staging;
  private final ProgressMeter meter;
  private final CancellationToken cancel;
  /** The hash the hub stated for the file (its LFS ETag), when the catalog has none. */
  private String serverSha;

  FileDownload(HttpFetch fetch, DownloadSettings settings, CatalogFile file, URI url, Staging staging,
      ProgressMeter meter, CancellationToken cancel) {
    this.fetch = fetch;
    this.settings = settings;
    this.file = file;
    this.url = url;
    this.staging = staging;
    this.meter = meter;
    this.cancel = cancel;
  }

  /**
   * Downloads, verifies and moves the file into place in the staging folder.
   *
   * @throws ModelException one line starting with the file's path; a {@link AttemptFailure.Kind#CANCELLED}
   *     cancel surfaces as {@link AttemptFailure} through {@code cancelled}
   */
  ManifestFile run() throws ModelException, AttemptFailure {
    Path partPath = staging.part(file.path());
    String sha;
    long length;
    try (PartFile part = openPart(partPath)) {
      int failures = 0;
      while (true) {
        long before = part.length();
        try {
          attempt(part);
          break;
        } catch (AttemptFailure f) {
          if (f.kind() != AttemptFailure.Kind.RETRY) {
            throw f;
          }
          failures = part.length() > before ? 1 : failures + 1;
          if (failures >= settings.attempts()) {
            throw AttemptFailure.fatal(f.getMessage() + " (gave up after " + failures + " attempts)", f);
          }
          Duration wait = settings.backoff().multipliedBy(1L << Math.min(failures - 1, 16));
          LOG.info("{}: {}; retrying in {} ms", file.path(), f.getMessage(), wait.toMillis());
          meter.retrying(failures, settings.attempts(), wait, f.getMessage());
          sleep(wait);
        }
      }
      sha = part.finish();
      length = part.length();
    } catch (AttemptFailure f) {
      if (f.kind() == AttemptFailure.Kind.CANCELLED) {
        throw f;
      }
      throw new ModelException(file.path() + ": " + f.getMessage(), f);
    }
    return verify(partPath, length, sha);
  }

  private PartFile openPart(Path partPath) throws AttemptFailure {
    PartFile part = PartFile.open(partPath);
    if (file.sizeKnown() && part.length() > file.size()) {
      restart(part); // longer than the file can be: not a prefix of it
    }
    return part;
  }

  private void attempt(PartFile part) throws AttemptFailure {
    if (cancel.isCancelled()) {
      throw AttemptFailure.cancelled();
    }
    if (file.sizeKnown() && file.sha256() != null && part.length() == file.size()) {
      return; // complete from an earlier pull; verified below without asking the server
    }
    long have = part.length();
    HttpFetch.Opened opened = fetch.open(url, have, cancel);
    try {
      if (file.sha256() == null && opened.sha256() != null) {
        serverSha = opened.sha256();
      }
      long total = total(opened, part, have);
      if (total == have && opened.status() == 416) {
        return;
      }
      if (file.sizeKnown() && total >= 0 && total != file.size()) {
        throw AttemptFailure.fatal("the server has " + total + " bytes, the catalog says " + file.size()
            + " (" + opened.uri() + ")");
      }
      long expected = file.sizeKnown() ? file.size() : total;
      meter.learnedSize(expected);
      checkSpace(expected < 0 ? 0 : expected - part.length());
      stream(opened, part, expected);
    } finally {
      opened.body().cancel();
    }
  }

  /** The file's full size as this answer states it (-1 when it does not), after handling 200/206/416. */
  private long total(HttpFetch.Opened opened, PartFile part, long have) throws AttemptFailure {
    String range = opened.headers().firstValue("Content-Range").orElse("");
    switch (opened.status()) {
      case 416: {
        Matcher m = UNSATISFIED_RANGE.matcher(range);
        long total = m.find() ? Long.parseLong(m.group(1)) : -1;
        if (have > 0 && total == have) {
          return total; // the part was complete already
        }
        restart(part);
        throw AttemptFailure.retry("the server refused to resume from byte " + have + " (HTTP 416); starting over");
      }
      case 206: {
        Matcher m = CONTENT_RANGE.matcher(range);
        if (!m.find() || Long.parseLong(m.group(1)) != have) {
          restart(part);
          throw AttemptFailure.retry("asked to resume from byte " + have + ", the server sent '" + range
              + "'; starting over");
        }
        return m.group(3).equals("*") ? opened.linkedSize() : Long.parseLong(m.group(3));
      }
      default: {
        if (have > 0) {
          LOG.info("{}: the server ignored the range request, downloading it again from the start", file.path());
          restart(part);
        }
        long length = opened.headers().firstValueAsLong("Content-Length").orElse(-1);
        return length >= 0 ? length : opened.linkedSize();
      }
    }
  }

  private void restart(PartFile part) throws AttemptFailure {
    part.restart();
    meter.restartFile();
  }

  private void stream(HttpFetch.Opened opened, PartFile part, long expected) throws AttemptFailure {
    long stallMillis = settings.stallTimeout().toMillis();
    long lastData = System.nanoTime();
    String host = opened.uri().getHost();
    while (true) {
      if (cancel.isCancelled()) {
        throw AttemptFailure.cancelled();
      }
      long waited = (System.nanoTime() - lastData) / 1_000_000;
      if (waited >= stallMillis) {
        throw AttemptFailure.retry("stalled: no data from " + host + " for " + HttpFetch.seconds(stallMillis)
            + " (" + part.length() + " of " + describe(expected) + " bytes)");
      }
      List<ByteBuffer> chunk;
      try {
        chunk = opened.body().take(Math.min(POLL_MILLIS, stallMillis - waited));
      } catch (TimeoutException nothingYet) {
        continue;
      } catch (IOException e) {
        throw AttemptFailure.retry("connection to " + host + " lost after " + part.length() + " of "
            + describe(expected) + " bytes: " + OneLine.of(e.getMessage()), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw AttemptFailure.cancelled();
      }
      if (chunk == null) {
        break;
      }
      for (ByteBuffer buffer : chunk) {
        meter.advance(part.write(buffer));
      }
      lastData = System.nanoTime();
      if (expected >= 0 && part.length() > expected) {
        restart(part);
        throw AttemptFailure.fatal("the server sent more than the " + expected + " bytes it announced");
      }
    }
    if (expected >= 0 && part.length() < expected) {
      throw AttemptFailure.retry("connection to " + host + " closed after " + part.length() + " of " + expected
          + " bytes");
    }
  }

  private void checkSpace(long needed) throws AttemptFailure {
    String shortOfSpace = settings.shortOfSpace(staging.dir(), needed);
    if (shortOfSpace != null) {
      throw AttemptFailure.fatal(shortOfSpace);
    }
  }

  private ManifestFile verify(Path partPath, long length, String actual) throws ModelException {
    String expected = file.sha256() != null ? file.sha256() : serverSha;
    if (file.sizeKnown() && length != file.size()) {
      delete(partPath);
      throw new ModelException(file.path() + ": " + length + " bytes downloaded, the catalog says " + file.size()
          + "; the download was deleted");
    }
    if (expected != null && !expected.equals(actual)) {
      delete(partPath);
      throw new ModelException(file.path() + ": SHA-256 mismatch, expected " + expected + ", got " + actual
          + "; the download was deleted");
    }
    try {
      Files.move(partPath, staging.file(file.path()), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ModelException(file.path() + ": cannot move it into place: " + e.getMessage(), e);
    }
    String source = file.sha256() != null ? ManifestFile.CATALOG
        : serverSha != null ? ManifestFile.SERVER : ManifestFile.NONE;
    return new ManifestFile(file.path(), length, actual, source);
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("cannot delete {}", path, e);
    }
  }

  /** Waits out a backoff; a cancel ends the wait at once. */
  private void sleep(Duration wait) throws AttemptFailure {
    CountDownLatch cancelled = new CountDownLatch(1);
    try (CancellationToken.Registration hook = cancel.onCancel(cancelled::countDown)) {
      if (cancelled.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw AttemptFailure.cancelled();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AttemptFailure.cancelled();
    }
  }

  private static String describe(long expected) {
    return expected >= 0 ? String.valueOf(expected) : "?";
  }
}
