package dev.pith.inference.hailo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.ContextFit;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.StopReason;
import dev.pith.inference.TokenSink;
import dev.pith.inference.tokenizer.StopStringFilter;
import java.time.Duration;
import java.util.List;

/**
 * One streamed answer of hailo-ollama's {@code /api/chat}, read line by line:
 * {@code {"message":{"role":"assistant","content":"…"},"done":false}} per piece, then a last line with
 * {@code "done":true}, {@code done_reason} and {@code eval_count}. The server reports no prefill or decode times,
 * so Pith measures them: TTFT from the request to the first non-empty piece, decode tokens/s from
 * {@code eval_count} over the time between the first and the last piece.
 *
 * <p>Each piece goes to the sink with its position in the answer (0, 1, 2, ...) as its token id: the server
 * streams text, not ids, and one piece is one token. Text held back because it may start a stop string and
 * released at the end goes with {@link TokenSink#NO_TOKEN}.
 */
final class HailoAnswer {
  private final LineStream stream;
  private final HailoTimeouts timeouts;
  private final ContextFit.Fitted<Integer> fit;
  private final boolean exactPromptCount;
  private final TokenSink sink;
  private final CancellationToken cancel;
  private final StopStringFilter stops;
  private final long start;
  private final String server;
  private long firstPiece;
  private long lastPiece;
  private int pieces;

  HailoAnswer(LineStream stream, HailoClient client, ContextFit.Fitted<Integer> fit, boolean exactPromptCount,
      List<String> stopStrings, TokenSink sink, CancellationToken cancel, long start) {
    this.stream = stream;
    this.timeouts = client.timeouts();
    this.server = client.server();
    this.fit = fit;
    this.exactPromptCount = exactPromptCount;
    this.stops = new StopStringFilter(stopStrings);
    this.sink = sink;
    this.cancel = cancel;
    this.start = start;
  }

  /**
   * Reads the reply to its last line, a stop string, or a cancel, streaming the text to the sink.
   *
   * @throws HailoException when the server fails; the text streamed until then stays streamed
   */
  GenerationStats read() throws HailoException {
    Duration wait = timeouts.firstLine();
    while (true) {
      String line = cancel.isCancelled() ? null : stream.next(wait);
      wait = timeouts.betweenLines();
      if (line == null) {
        if (cancel.isCancelled()) {
          release();
          return stats(StopReason.CANCELLED, pieces);
        }
        throw new HailoException(server + " ended its reply without the last line (\"done\":true)");
      }
      if (line.isBlank()) {
        continue;
      }
      JsonNode reply = stream.json(line);
      String content = reply.path("message").path("content").asText("");
      if (!content.isEmpty() && emit(content)) {
        stream.abort(); // the rest of the answer is not wanted: free the server for the next request
        return stats(StopReason.STOP, pieces);
      }
      if (reply.path("done").asBoolean(false)) {
        release();
        int evalCount = reply.path("eval_count").asInt(-1);
        return stats(stopReason(reply.path("done_reason").asText("")), evalCount >= 0 ? evalCount : pieces);
      }
    }
  }

  /** Streams one piece; true when it reached a stop string. */
  private boolean emit(String content) {
    lastPiece = System.nanoTime();
    if (pieces == 0) {
      firstPiece = lastPiece;
    }
    String shown = stops.accept(content);
    sink.onToken(pieces++, shown);
    return stops.stopped();
  }

  /** Shows text held back for a stop string that did not come. */
  private void release() {
    String rest = stops.flush();
    if (!rest.isEmpty()) {
      sink.onToken(TokenSink.NO_TOKEN, rest);
    }
  }

  /** {@code stop} is the model's end of sequence, {@code length} the token limit; the CPU backend's names. */
  private static StopReason stopReason(String doneReason) {
    return doneReason.equals("length") ? StopReason.MAX_TOKENS : StopReason.EOS;
  }

  /**
   * @param generated the server's {@code eval_count}, or the pieces counted when it sent none (a cancel, a stop
   *     string)
   */
  private GenerationStats stats(StopReason reason, int generated) {
    long end = System.nanoTime();
    double ttft = pieces > 0 ? (firstPiece - start) / 1e6 : Double.NaN;
    // The NPU's prefill is what the first token waited for; only worth dividing by when the count is exact.
    double prefill = exactPromptCount && pieces > 0 ? fit.tokens() / (ttft / 1e3) : Double.NaN;
    double decode = generated > 1 && lastPiece > firstPiece ? (generated - 1) / ((lastPiece - firstPiece) / 1e9)
        : Double.NaN;
    return new GenerationStats(fit.tokens(), 0, generated, ttft, prefill, decode, reason, HailoBackend.ID,
        fit.droppedMessages(), (end - start) / 1e6);
  }
}
