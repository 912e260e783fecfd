package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InterruptCancelsTest {

  @Test
  void interruptCancelsTheTokenAndWaitsUntilTheOutputIsWritten() throws Exception {
    InterruptCancels interrupt = InterruptCancels.install();
    Thread hook = new Thread(interrupt::onInterrupt);
    hook.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!interrupt.token().isCancelled() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(interrupt.token().isCancelled());
    hook.join(200);
    assertTrue(hook.isAlive(), "the hook waits for the command to finish its output");
    interrupt.close();
    hook.join(5_000);
    assertFalse(hook.isAlive());
  }
}
