package dev.pith.inference.genai;

import dev.pith.inference.SamplingSettings;
import java.util.Arrays;
import java.util.Set;

/**
 * Owns the token sequence (prompt and generated) and turns logits into the next token: repetition
 * penalty, then the sampler. Decides when the sequence is done: an end-of-sequence id, or the length
 * limit.
 */
final class Search {
  /** Why {@link #isDone()} turned true. */
  enum Done { NO, EOS, MAX_LENGTH }

  private final boolean[] eos;
  private final int maxLength;
  private final Sampler sampler;
  private final RepetitionPenalty penalty;
  private int[] sequence = new int[256];
  private int length;
  private Done done = Done.NO;

  Search(int vocab, int maxLength, SamplingSettings sampling, Set<Integer> eosIds) {
    this.maxLength = maxLength;
    this.eos = new boolean[vocab];
    for (int id : eosIds) {
      if (id >= 0 && id < vocab) {
        eos[id] = true;
      }
    }
    this.sampler = sampling.isGreedy()
        ? Sampler.ARGMAX
        : new RandomSampler(vocab, sampling.temperature(), sampling.topK(), sampling.topP(), sampling.seed());
    this.penalty = sampling.repetitionPenalty() != 1f ? new RepetitionPenalty(sampling.repetitionPenalty(), vocab) : null;
  }

  /** Adds prompt tokens (they count for the repetition penalty and the length limit). */
  void append(int[] tokens) {
    for (int t : tokens) {
      push(t);
    }
    if (length >= maxLength) {
      done = Done.MAX_LENGTH;
    }
  }

  /** Chooses the next token from logits (which it may modify), appends it and updates the done state. */
  int next(float[] logits) {
    if (done != Done.NO) {
      throw new IllegalStateException("the sequence is done (" + done + ")");
    }
    if (penalty != null) {
      penalty.apply(logits);
    }
    int token = sampler.sample(logits);
    push(token);
    if (eos[token]) {
      done = Done.EOS;
    } else if (length >= maxLength) {
      done = Done.MAX_LENGTH;
    }
    return token;
  }

  boolean isDone() {
    return done != Done.NO;
  }

  Done done() {
    return done;
  }

  int length() {
    return length;
  }

  int last() {
    return sequence[length - 1];
  }

  private void push(int token) {
    if (length == sequence.length) {
      sequence = Arrays.copyOf(sequence, length * 2);
    }
    sequence[length++] = token;
    if (penalty != null) {
      penalty.add(token);
    }
  }
}
