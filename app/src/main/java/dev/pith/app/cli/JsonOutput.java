package dev.pith.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.TokenSink;
import java.io.PrintWriter;

/**
 * One JSON object per line on stdout: {@code {"type":"token","id":N,"text":"..."}} per token, then one
 * {@code {"type":"done",...}} line with the stats. Nothing else is written to stdout. Text the backend held
 * back and releases on cancel belongs to no token: its line has {@code "id":null}. The {@code hailo} backend's
 * server streams text without token ids: there {@code "id"} is the piece's position in the answer (0, 1, 2, ...).
 */
final class JsonOutput implements GenerationOutput {
  private final PrintWriter out;

  JsonOutput(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void onToken(int tokenId, String text) {
    ObjectNode line = JsonLines.object().put("type", "token");
    if (tokenId == TokenSink.NO_TOKEN) {
      line.putNull("id");
    } else {
      line.put("id", tokenId);
    }
    print(line.put("text", text));
  }

  @Override
  public void done(GenerationStats stats, Long seed, AnswerPower power) {
    print(doneLine(stats, seed, power));
  }

  /**
   * The {@code done} object: the stats with NaN written as null, the seed when tokens were sampled, then the power
   * ({@link AnswerPower#putJson}).
   */
  static ObjectNode doneLine(GenerationStats stats, Long seed, AnswerPower power) {
    ObjectNode line = JsonLines.object()
        .put("type", "done")
        .put("prompt_tokens", stats.promptTokens())
        .put("cached_tokens", stats.cachedPromptTokens())
        .put("generated_tokens", stats.generatedTokens());
    JsonLines.putNumber(line, "ttft_ms", stats.ttftMillis());
    JsonLines.putNumber(line, "prefill_tps", stats.prefillTokensPerSecond());
    JsonLines.putNumber(line, "decode_tps", stats.decodeTokensPerSecond());
    line.put("stop_reason", stats.stopReason().wireName())
        .put("backend", stats.backend())
        .put("dropped_messages", stats.droppedMessages());
    JsonLines.putNumber(line, "total_ms", stats.totalMillis());
    if (seed != null) {
      line.put("seed", seed);
    }
    power.putJson(line);
    return line;
  }

  private void print(ObjectNode line) {
    out.println(JsonLines.line(line));
    out.flush();
  }
}
