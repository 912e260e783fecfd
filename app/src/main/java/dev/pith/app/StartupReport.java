package dev.pith.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Scene;

/**
 * With {@code PITH_STARTUP_REPORT=1} in the environment, prints one line to stderr when the window's first
 * frame is ready: the wall-clock time and how long after the process started. The startup benchmark
 * ({@code packaging/bench-startup}) reads it; nothing is printed otherwise.
 */
final class StartupReport {
  static final String ENV = "PITH_STARTUP_REPORT";

  private StartupReport() {}

  /**
   * Reports after the first pulse that lays out {@code scene}: its nodes are styled, laid out and handed to
   * the renderer, which draws them at once.
   */
  static void onFirstFrame(Scene scene, Map<String, String> env, PrintStream out) {
    if (!"1".equals(env.get(ENV))) {
      return;
    }
    Runnable[] listener = new Runnable[1];
    listener[0] = () -> {
      scene.removePostLayoutPulseListener(listener[0]);
      Instant now = Instant.now();
      Optional<Instant> started = ProcessHandle.current().info().startInstant();
      out.println("pith: first frame at " + now.toEpochMilli() + " ms since the epoch"
          + started.map(s -> ", " + Duration.between(s, now).toMillis() + " ms after the process started")
              .orElse(""));
    };
    scene.addPostLayoutPulseListener(listener[0]);
  }
}
