package dev.pith.inference.genai;

import dev.pith.inference.SamplingSettings;
import java.util.Arrays;
import java.util.Set;

/**
 * Owns the token sequence (prompt and generated) and turns logits into the next token: repetition
 * penalty, then the sampler. Decides when the sequence is done: an end-of-sequence id, or the length
 * limit. Keeps the answer's confidence: the log-probability of each chosen token under the distribution it was
 * chosen from (the logits after the repetition penalty, at temperature 1), as a running mean and minimum.
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
  /** The logits as scored, kept when the sampler changes them in place (reused: no allocation per token). */
  private final float[] scored;
  private double logprobSum;
  private double logprobMin = Double.POSITIVE_INFINITY;
  private int chosen;

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
    this.scored = sampling.isGreedy() ? null : new float[vocab];
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
    double logSumExp = logSumExp(logits);
    if (scored != null) {
      System.arraycopy(logits, 0, scored, 0, logits.length);
    }
    int token = sampler.sample(logits);
    double logprob = (scored != null ? scored[token] : logits[token]) - logSumExp;
    logprobSum += logprob;
    logprobMin = Math.min(logprobMin, logprob);
    chosen++;
    push(token);
    if (eos[token]) {
      done = Done.EOS;
    } else if (length >= maxLength) {
      done = Done.MAX_LENGTH;
    }
    return token;
  }

  /** The mean log-probability (natural log) of the tokens chosen so far; NaN before the first. */
  double meanLogprob() {
    return chosen == 0 ? Double.NaN : logprobSum / chosen;
  }

  /** The lowest log-probability of a token chosen so far; NaN before the first. */
  double minLogprob() {
    return chosen == 0 ? Double.NaN : logprobMin;
  }

  /** log Σ exp(logits), computed from the largest so that nothing overflows. */
  static double logSumExp(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - max);
    }
    return max + Math.log(sum);
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
