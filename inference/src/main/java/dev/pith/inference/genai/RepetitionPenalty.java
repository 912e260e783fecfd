package dev.pith.inference.genai;

/**
 * Hugging Face's repetition penalty: every token already in the sequence (prompt included) has its
 * logit divided by the penalty when positive and multiplied by it when negative. Tracks the distinct
 * tokens seen so a step costs O(distinct tokens), not O(sequence).
 */
final class RepetitionPenalty {
  private final float penalty;
  private final boolean[] seen;
  private int[] distinct = new int[256];
  private int count;

  RepetitionPenalty(float penalty, int vocab) {
    this.penalty = penalty;
    this.seen = new boolean[vocab];
  }

  void add(int token) {
    if (token < 0 || token >= seen.length || seen[token]) {
      return;
    }
    seen[token] = true;
    if (count == distinct.length) {
      distinct = java.util.Arrays.copyOf(distinct, count * 2);
    }
    distinct[count++] = token;
  }

  void apply(float[] logits) {
    for (int i = 0; i < count; i++) {
      int t = distinct[i];
      float l = logits[t];
      logits[t] = l > 0 ? l / penalty : l * penalty;
    }
  }

  void clear() {
    for (int i = 0; i < count; i++) {
      seen[distinct[i]] = false;
    }
    count = 0;
  }
}
