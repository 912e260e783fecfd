package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.CancellationToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ChatInterruptsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ChatConsole console = new ChatConsole(new PrintWriter(out), new PrintWriter(err), true);

  @Test
  void ctrlCDuringAnAnswerCancelsThatAnswerOnly() {
    try (ChatInterrupts interrupts = ChatInterrupts.install(console)) {
      CancellationToken first = interrupts.answerStarted();
      interrupts.onInterrupt();
      interrupts.answerEnded();
      CancellationToken second = interrupts.answerStarted();

      assertTrue(first.isCancelled());
      assertFalse(second.isCancelled(), "the next answer starts afresh");
      assertEquals("", err.toString());
    }
  }

  @Test
  void ctrlCAtThePromptSaysHowToLeaveAndPromptsAgain() {
    try (ChatInterrupts interrupts = ChatInterrupts.install(console)) {
      interrupts.onInterrupt();
    }
    assertTrue(err.toString().contains("/quit or press Ctrl+D"), err::toString);
    assertTrue(out.toString().endsWith("> "), out::toString);
  }
}
