package dev.pith.app.cli;

import dev.pith.inference.CancellationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl+C in {@code pith chat} stops the answer being written, not the chat; at the prompt it says how to
 * leave. Java has no public way to catch SIGINT without ending the process (a shutdown hook runs while the
 * JVM exits, which is why {@link InterruptCancels} fits one-answer commands only), so this uses
 * {@code sun.misc.Signal} from the jdk.unsupported module; javac warns about it. Where the JVM refuses the
 * handler ({@code -Xrs}), Ctrl+C ends Pith as usual and the next start marks the answer interrupted.
 */
final class ChatInterrupts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatInterrupts.class);
  private static final Signal INT = new Signal("INT");

  private final ChatConsole console;
  private SignalHandler previous;
  /** The answer being generated; null at the prompt. */
  private volatile CancellationToken answer;

  private ChatInterrupts(ChatConsole console) {
    this.console = console;
  }

  /** Takes over Ctrl+C until {@link #close()}. */
  static ChatInterrupts install(ChatConsole console) {
    ChatInterrupts interrupts = new ChatInterrupts(console);
    try {
      interrupts.previous = Signal.handle(INT, signal -> interrupts.onInterrupt());
    } catch (IllegalArgumentException e) {
      LOG.debug("Ctrl+C will end the chat: {}", e.getMessage());
    }
    return interrupts;
  }

  /** A new answer starts: Ctrl+C now cancels the returned token. */
  CancellationToken answerStarted() {
    CancellationToken token = new CancellationToken();
    answer = token;
    return token;
  }

  /** The answer has ended: Ctrl+C is back to a hint. */
  void answerEnded() {
    answer = null;
  }

  /** What Ctrl+C does (on the JVM's signal thread). */
  void onInterrupt() {
    CancellationToken token = answer;
    if (token != null) {
      token.cancel();
      return;
    }
    console.note("");
    console.problem("(Ctrl+C stops an answer; type /quit or press Ctrl+D to leave)");
    console.prompt();
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(INT, previous);
    }
  }
}
