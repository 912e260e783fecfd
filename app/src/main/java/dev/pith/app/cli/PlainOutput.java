package dev.pith.app.cli;

import dev.pith.inference.GenerationStats;
import java.io.PrintWriter;

/** Streams the answer's text to stdout, piece by piece, and a one-line summary to stderr. */
final class PlainOutput implements GenerationOutput {
  private final PrintWriter out;
  private final PrintWriter err;
  private boolean atLineStart = true;

  PlainOutput(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void onToken(int tokenId, String text) {
    if (text.isEmpty()) {
      return;
    }
    out.print(text);
    out.flush();
    atLineStart = text.endsWith("\n");
  }

  /**
   * Ends the answer's last line (so a shell prompt does not follow it), then prints the summary, with the energy when
   * it was measured.
   */
  @Override
  public void done(GenerationStats stats, Long seed, AnswerPower power) {
    endLine();
    err.println(StatsFormat.summary(stats, seed) + power.summary(stats.generatedTokens()));
    err.flush();
  }

  /** Ends the answer's last line unless it ended with a line break, so what follows starts a line. */
  void endLine() {
    if (!atLineStart) {
      out.println();
      out.flush();
      atLineStart = true;
    }
  }
}
