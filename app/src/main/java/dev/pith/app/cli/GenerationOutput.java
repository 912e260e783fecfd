package dev.pith.app.cli;

import dev.pith.inference.GenerationStats;
import dev.pith.inference.TokenSink;

/** Where {@code generate} writes an answer as it streams, and its summary at the end. */
interface GenerationOutput extends TokenSink {

  /**
   * Writes the end-of-answer summary.
   *
   * @param stats what the answer cost
   * @param seed the sampling seed, or null for a greedy answer
   * @param power where the answer's power figures come from, and the figures when they were measured
   */
  void done(GenerationStats stats, Long seed, AnswerPower power);
}
