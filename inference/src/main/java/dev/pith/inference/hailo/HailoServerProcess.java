package dev.pith.inference.hailo;

import dev.pith.inference.ModelLoadException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hailo-ollama that Pith started because none was answering. It is started as {@code hailo-ollama} with no
 * arguments, which listens on 127.0.0.1:8000: Pith invents no flags, so a URL with another port only works with a
 * server (or a stand-in) that listens there by itself. Its output goes to a log file when one is given (appended,
 * so earlier runs stay readable), else it is discarded. It never outlives Pith: closing stops it, and a JVM
 * shutdown hook stops it when Pith exits without closing.
 */
final class HailoServerProcess implements AutoCloseable {
  static final String COMMAND = "hailo-ollama";
  private static final Logger LOG = LoggerFactory.getLogger(HailoServerProcess.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration GRACE = Duration.ofSeconds(5);
  /** It reads nothing from Pith: its standard input is the null device. */
  private static final String NULL_DEVICE = File.separatorChar == '\\' ? "NUL" : "/dev/null";

  private final Process process;
  private final Thread hook;
  private boolean closed;

  private HailoServerProcess(Process process) {
    this.process = process;
    this.hook = new Thread(this::stop, "pith-hailo-ollama-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** {@code hailo-ollama} in a folder of the environment's {@code PATH}, if it is there and executable. */
  static Optional<Path> find(Map<String, String> environment) {
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      try {
        Path candidate = Path.of(dir, COMMAND);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      } catch (InvalidPathException e) {
        // a PATH entry that is not a folder name: skip it
      }
    }
    return Optional.empty();
  }

  /**
   * Starts {@code executable} and waits until {@code client} gets its version.
   *
   * @return the started server and its version
   * @throws ModelLoadException when it cannot be started, exits, or does not answer within {@code timeout} (it is
   *     stopped then)
   */
  static Started start(Path executable, Optional<Path> log, HailoClient client, Duration timeout)
      throws ModelLoadException {
    ProcessBuilder builder = new ProcessBuilder(executable.toString()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File(NULL_DEVICE)));
    HailoServerProcess server;
    try {
      if (log.isPresent()) {
        Files.createDirectories(log.get().toAbsolutePath().getParent());
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.get().toFile()));
      } else {
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      }
      server = new HailoServerProcess(builder.start());
    } catch (IOException e) {
      throw new ModelLoadException("cannot start " + executable + ": " + e.getMessage(), e);
    }
    LOG.info("started {} (pid {}), waiting for {}", executable, server.process.pid(), client.url());
    return new Started(server, server.awaitVersion(executable, log, client, timeout));
  }

  /** A started server and the version it reported. */
  record Started(HailoServerProcess server, String version) {}

  private String awaitVersion(Path executable, Optional<Path> log, HailoClient client, Duration timeout)
      throws ModelLoadException {
    String seeLog = log.map(l -> " (its output is in " + l + ")").orElse("");
    long deadline = System.nanoTime() + timeout.toNanos();
    HailoException last;
    while (true) {
      try {
        return client.version();
      } catch (HailoException e) {
        last = e;
      }
      try {
        if (process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
          close();
          throw new ModelLoadException(executable + " exited with code " + process.exitValue()
              + " before answering at " + client.url() + seeLog);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new ModelLoadException("interrupted while waiting for " + executable + " to answer", e);
      }
      if (System.nanoTime() - deadline > 0) {
        close();
        throw new ModelLoadException(executable + " was started but did not answer at " + client.url()
            + " within " + HailoTimeouts.describe(timeout) + " (" + last.getMessage() + ")" + seeLog);
      }
    }
  }

  /** Stops the server and removes the shutdown hook. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook is running or about to: it stops the server too
    }
    stop();
  }

  /** SIGTERM to the server and anything it started, then SIGKILL after a grace period. */
  private void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("hailo-ollama (pid {}) did not stop within {}; killing it", process.pid(),
            HailoTimeouts.describe(GRACE));
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    LOG.info("stopped hailo-ollama (pid {})", process.pid());
  }
}
