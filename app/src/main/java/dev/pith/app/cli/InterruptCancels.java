package dev.pith.app.cli;

import dev.pith.inference.CancellationToken;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl+C into a cancelled generation: a shutdown hook flips the token and waits until the command
 * has written its end-of-answer summary (closing this), so the summary is not lost when the JVM exits.
 */
final class InterruptCancels implements AutoCloseable {
  /** How long the hook lets the generation wind down; a cancelled generation returns within one step. */
  private static final long GRACE_SECONDS = 10;

  private final CancellationToken token = new CancellationToken();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onInterrupt, "pith-interrupt");

  private InterruptCancels() {}

  /** Registers the shutdown hook; close the result when the command has written its output. */
  static InterruptCancels install() {
    InterruptCancels interrupt = new InterruptCancels();
    Runtime.getRuntime().addShutdownHook(interrupt.hook);
    return interrupt;
  }

  CancellationToken token() {
    return token;
  }

  /** The shutdown hook: cancel, then wait (bounded) until {@link #close()}. */
  void onInterrupt() {
    token.cancel();
    try {
      finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      // The hook is running (Ctrl+C); it returns now that finished is counted down.
    }
  }
}
