package dev.pith.app.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/** Runs work on the FX thread from a plain main thread, and waits for conditions there. */
final class OnFx {
  private OnFx() {}

  /** A condition checked from the main thread. */
  interface Check {
    boolean ok() throws Exception;
  }

  /** Starts the JavaFX toolkit (once per process). */
  static void startToolkit() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    Platform.setImplicitExit(false); // closing one window must not end the toolkit: another one follows

  }

  /** {@code work}'s result, computed on the FX thread. */
  static <T> T call(Callable<T> work) throws Exception {
    if (Platform.isFxApplicationThread()) {
      return work.call();
    }
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Platform.runLater(() -> {
      try {
        result.set(work.call());
      } catch (Exception e) {
        failure.set(e);
      } finally {
        done.countDown();
      }
    });
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the FX thread did not answer in 60 s");
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /** Waits (polling every 20 ms) until {@code check} holds. */
  static void waitFor(Check check, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + seconds + " s");
      }
      Thread.sleep(20);
    }
  }
}
