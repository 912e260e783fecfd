package dev.pith.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Closes the window the normal way when the process is asked to end: SIGTERM from {@code systemctl stop}
 * (the kiosk's unit) or {@code kill}, SIGINT (Ctrl+C in the terminal that started it), SIGHUP (that terminal
 * closing). By default the JVM would start shutting down at once, and JavaFX's own shutdown hook stops its
 * event loop, racing {@code Application.stop()}: the window's state would not be saved and an answer being
 * written would not be stored as stopped. Here the signal asks JavaFX to exit instead; {@code stop()} runs,
 * and the launcher returns as after a click on the close button. A stop that hangs ends the process anyway
 * after a grace period.
 */
final class ExitOnSignal {
  private static final Logger LOG = LoggerFactory.getLogger(ExitOnSignal.class);
  /** What a process ended by SIGTERM reports (128 + 15), used only when the grace period runs out. */
  private static final int TERMINATED = 143;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Duration grace;
  private final List<Restore> previous = new ArrayList<>();

  private record Restore(Signal signal, SignalHandler handler) {}

  private ExitOnSignal(Duration grace) {
    this.grace = grace;
  }

  /** Handles SIGTERM, SIGINT and SIGHUP until {@link #stopped()}, which must end {@code Application.stop()}. */
  static ExitOnSignal install(Duration grace) {
    ExitOnSignal exit = new ExitOnSignal(grace);
    for (String name : List.of("TERM", "INT", "HUP")) {
      try {
        Signal signal = new Signal(name);
        exit.previous.add(new Restore(signal, Signal.handle(signal, s -> exit.exitFx(s.getName()))));
      } catch (IllegalArgumentException e) {
        // The JVM keeps this signal for itself (e.g. with -Xrs), or the system has none by that name.
        LOG.debug("SIG{} is not handled: {}", name, e.getMessage());
      }
    }
    return exit;
  }

  /** Says that the window has closed: signals go back to ending the process directly. */
  void stopped() {
    stopped.countDown();
    for (Restore r : previous) {
      Signal.handle(r.signal(), r.handler());
    }
    previous.clear();
  }

  private void exitFx(String signal) {
    LOG.info("SIG{}: closing the window", signal);
    Platform.exit();
    Thread watchdog = new Thread(() -> {
      try {
        if (!stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("the window did not close within {} s of SIG{}; ending anyway", grace.toSeconds(), signal);
          System.exit(TERMINATED);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pith-exit-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
