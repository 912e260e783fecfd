package dev.pith.app.ui.speech;

import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Read aloud" for an answer, through the espeak-ng program: offline like the rest of Pith, and on every Linux
 * (Raspberry Pi OS included) one package away. The window shows the button only when {@link #find} found the
 * program, and hands over plain text (it strips the Markdown first).
 *
 * <p>Nothing here blocks the caller: {@link #speak} and {@link #stop} return at once; the program is started and
 * fed on one daemon thread ("pith-speech"), and a newer request always wins over an older one. Whether it is
 * speaking is {@link #isSpeaking()}; the listener set with {@link #setOnSpeakingChanged} is called whenever that
 * may have changed, on whichever thread changed it (the caller's, the speech thread, or the one that saw the
 * program exit), so the window re-reads it inside {@code Platform.runLater} and the order of calls does not
 * matter.
 */
public final class ReadAloud implements AutoCloseable {
  /** The program's name on {@code PATH}. */
  public static final String PROGRAM = "espeak-ng";
  /** After a polite stop, how long the program has to go before it is killed. */
  private static final long KILL_AFTER_MILLIS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(ReadAloud.class);

  private final Path executable;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "pith-speech");
    thread.setDaemon(true);
    return thread;
  });
  private final Object lock = new Object();
  /** Bumped by every speak, stop and close: a start that finds it changed gives way. Guarded by lock. */
  private long generation;
  /** The program now speaking, if any. Guarded by lock. */
  private Process current;
  /** A speak was asked for and its program is not running yet. Guarded by lock. */
  private boolean starting;
  private boolean closed;
  private volatile Runnable onSpeakingChanged = () -> { };

  ReadAloud(Path executable) {
    this.executable = Objects.requireNonNull(executable, "executable");
  }

  /**
   * The espeak-ng program on the {@code PATH} of {@code environment} (usually {@code System.getenv()}), or empty
   * when there is none: no executable file of that name in any listed folder. Empty {@code PATH} entries (the
   * current folder) are not searched.
   */
  public static Optional<ReadAloud> find(Map<String, String> environment) {
    String path = environment.get("PATH");
    if (path == null || path.isBlank()) {
      return Optional.empty();
    }
    boolean windows = File.separatorChar == '\\';
    for (String folder : path.split(File.pathSeparator)) {
      if (folder.isBlank()) {
        continue;
      }
      for (String name : windows ? List.of(PROGRAM + ".exe", PROGRAM) : List.of(PROGRAM)) {
        Path candidate = Path.of(folder, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(new ReadAloud(candidate.toAbsolutePath()));
        }
      }
    }
    return Optional.empty();
  }

  /** The program that speaks. */
  public Path executable() {
    return executable;
  }

  /**
   * Starts reading {@code text} aloud, after stopping whatever is being read now. Returns at once; the program
   * is started and given the text (on its standard input, as UTF-8) on the speech thread.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public void speak(String text) {
    Objects.requireNonNull(text, "text");
    long request;
    Process previous;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("read-aloud is closed");
      }
      request = ++generation;
      previous = current;
      current = null;
      starting = true;
    }
    end(previous);
    changed();
    try {
      worker.execute(() -> start(request, text));
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("read-aloud is closed", e);
    }
  }

  /** Stops reading now (returns at once; the program is told to end, and killed if it does not). */
  public void stop() {
    Process previous;
    synchronized (lock) {
      generation++;
      previous = current;
      current = null;
      starting = false;
    }
    end(previous);
    changed();
  }

  /** Whether a text is being read, or is about to be. */
  public boolean isSpeaking() {
    synchronized (lock) {
      return starting || current != null;
    }
  }

  /**
   * {@code listener} runs each time {@link #isSpeaking()} may have changed, on any thread, and must return
   * quickly, e.g. {@code () -> Platform.runLater(() -> button.setSelected(readAloud.isSpeaking()))}.
   */
  public void setOnSpeakingChanged(Runnable listener) {
    onSpeakingChanged = Objects.requireNonNull(listener, "listener");
  }

  /** Stops speaking and ends the speech thread. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    stop();
    worker.shutdown();
  }

  /** On the speech thread: starts the program for {@code request} unless a newer request came first. */
  private void start(long request, String text) {
    synchronized (lock) {
      if (request != generation) {
        return;
      }
    }
    Process process;
    try {
      process = new ProcessBuilder(executable.toString(), "-b", "1", "--stdin")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      LOG.warn("Could not start {} to read aloud", executable, e);
      synchronized (lock) {
        if (request == generation) {
          starting = false;
        }
      }
      changed();
      return;
    }
    synchronized (lock) {
      if (request != generation) {
        end(process); // stopped, or overtaken, while it started
        return;
      }
      current = process;
      starting = false;
    }
    process.onExit().thenRun(() -> exited(process));
    try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
      stdin.write(text);
    } catch (IOException e) {
      // The program ended (or was stopped) before it read everything: nothing left to say.
      LOG.debug("{} did not take the whole text", executable, e);
    }
  }

  private void exited(Process process) {
    synchronized (lock) {
      if (current != process) {
        return;
      }
      current = null;
    }
    changed();
  }

  /** Asks {@code process} (and anything it started) to end, and kills it if it is still there a little later. */
  private static void end(Process process) {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    process.onExit()
        .completeOnTimeout(process, KILL_AFTER_MILLIS, TimeUnit.MILLISECONDS)
        .thenAccept(ended -> {
          if (ended.isAlive()) {
            ended.descendants().forEach(ProcessHandle::destroyForcibly);
            ended.destroyForcibly();
          }
        });
  }

  private void changed() {
    try {
      onSpeakingChanged.run();
    } catch (RuntimeException e) {
      LOG.warn("The read-aloud listener failed", e);
    }
  }
}
