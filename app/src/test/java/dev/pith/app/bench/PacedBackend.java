package dev.pith.app.bench;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import dev.pith.inference.StopReason;
import dev.pith.inference.TokenSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A token source for the window's benchmark: streams a Markdown answer (prose, lists, code, a table) cut
 * into token-sized pieces at a fixed rate, so the window can be measured at speeds no CPU here reaches with
 * a real 1.5B model. It is the {@link ChatBackend} contract, honestly kept: cancel stops it within a token,
 * and the stats are measured.
 */
public final class PacedBackend implements ChatBackend {
  /** One answer per request, in turn; the last one again once they run out. */
  private final List<List<String>> answers;
  private final AtomicInteger requests = new AtomicInteger();
  private final double tokensPerSecond;
  private final ModelInfo model;

  /**
   * @param pieces the answer, one piece per token (the last one is the end-of-sequence token's)
   * @param tokensPerSecond the pace; 0 for as fast as possible
   * @param opensThinking answers start inside a {@code <think>} part, like DeepSeek-R1-Distill's
   */
  public PacedBackend(List<String> pieces, double tokensPerSecond, boolean opensThinking) {
    this(tokensPerSecond, opensThinking, List.of(pieces));
  }

  /** A backend that gives {@code answers} in turn, one per request (then the last one again). */
  public static PacedBackend turns(List<List<String>> answers, double tokensPerSecond) {
    return new PacedBackend(tokensPerSecond, false, answers);
  }

  private PacedBackend(double tokensPerSecond, boolean opensThinking, List<List<String>> answers) {
    this.answers = answers.stream().map(List::copyOf).toList();
    this.tokensPerSecond = tokensPerSecond;
    this.model = new ModelInfo("paced-sample", "script", 32_768, 151_936, opensThinking);
  }

  /** The long sample answer of {@code tokens} tokens. */
  public static PacedBackend sample(int tokens, double tokensPerSecond, boolean opensThinking) {
    return new PacedBackend(SampleAnswer.pieces(tokens, opensThinking), tokensPerSecond, opensThinking);
  }

  @Override
  public String id() {
    return "cpu";
  }

  @Override
  public ModelInfo model() {
    return model;
  }

  @Override
  public GenerationStats generate(GenerationRequest request, TokenSink sink, CancellationToken cancel) {
    long start = System.nanoTime();
    long interval = tokensPerSecond > 0 ? (long) (1e9 / tokensPerSecond) : 0;
    long first = 0;
    int sent = 0;
    StopReason reason = StopReason.EOS;
    List<String> pieces = answers.get(Math.min(requests.getAndIncrement(), answers.size() - 1));
    for (String piece : pieces) {
      if (cancel.isCancelled()) {
        reason = StopReason.CANCELLED;
        break;
      }
      if (interval > 0) {
        long due = start + (sent + 1) * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      sink.onToken(1000 + sent, piece);
      if (sent == 0) {
        first = System.nanoTime();
      }
      sent++;
    }
    long end = System.nanoTime();
    double decode = sent > 1 ? (sent - 1) / ((end - first) / 1e9) : Double.NaN;
    return new GenerationStats(40, 0, sent, (first - start) / 1e6, Double.NaN, decode, reason, id(), 0,
        (end - start) / 1e6);
  }

  @Override
  public void close() {}
}
