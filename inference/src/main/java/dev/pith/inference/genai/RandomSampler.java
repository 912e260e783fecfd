package dev.pith.inference.genai;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Temperature, then top-k, then top-p sampling, as Hugging Face applies them (top-p works on the
 * distribution left after top-k). Work arrays are allocated once per generation, so a token costs no
 * allocation, and the vocabulary is never fully sorted.
 */
final class RandomSampler implements Sampler {
  private final float temperature;
  private final int topK;
  private final float topP;
  private final SplittableRandom random;
  /**
   * Candidates packed as (probability bits &lt;&lt; 32 | token id). Probabilities are positive floats,
   * which order like their bit patterns, so ordering the longs orders by probability.
   */
  private final long[] candidates;

  RandomSampler(int vocab, float temperature, int topK, float topP, long seed) {
    if (!(temperature > 0f)) {
      throw new IllegalArgumentException("sampling needs a temperature > 0, got " + temperature);
    }
    this.temperature = temperature;
    this.topK = topK;
    this.topP = topP;
    this.random = new SplittableRandom(seed);
    this.candidates = new long[topK > 0 ? Math.min(topK, vocab) : vocab];
  }

  @Override
  public int sample(float[] logits) {
    double sum = softmax(logits);
    if (topK == 0 && topP >= 1f) {
      return pickFromAll(logits, sum);
    }
    int count = topK > 0 ? selectTopK(logits) : selectAboveCutoff(logits, sum);
    if (count == 0) {
      return Sampler.ARGMAX.sample(logits);
    }
    Arrays.sort(candidates, 0, count); // ascending: the most likely token is last
    double mass = 0;
    for (int j = 0; j < count; j++) {
      mass += probability(candidates[j]);
    }
    // Top-p: the most likely tokens until their share of the (top-k) mass reaches p.
    int first = count - 1;
    double kept = probability(candidates[first]);
    while (first > 0 && kept < topP * mass) {
      first--;
      kept += probability(candidates[first]);
    }
    double r = random.nextDouble() * kept;
    for (int j = count - 1; j > first; j--) {
      r -= probability(candidates[j]);
      if (r < 0) {
        return tokenOf(candidates[j]);
      }
    }
    return tokenOf(candidates[first]);
  }

  /** Turns logits into unnormalized probabilities in place; returns their sum. */
  private double softmax(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      float p = (float) Math.exp((logits[i] - max) / temperature);
      logits[i] = p;
      sum += p;
    }
    return sum;
  }

  private int pickFromAll(float[] probabilities, double sum) {
    double r = random.nextDouble() * sum;
    for (int i = 0; i < probabilities.length; i++) {
      r -= probabilities[i];
      if (r < 0) {
        return i;
      }
    }
    return Sampler.ARGMAX.sample(probabilities);
  }

  /** Keeps the k most likely tokens in a min-heap: O(n log k), no full sort. */
  private int selectTopK(float[] probabilities) {
    int k = candidates.length;
    int size = 0;
    for (int i = 0; i < probabilities.length; i++) {
      if (!(probabilities[i] > 0f)) {
        continue;
      }
      long packed = pack(probabilities[i], i);
      if (size < k) {
        candidates[size] = packed;
        siftUp(size++);
      } else if (packed > candidates[0]) {
        candidates[0] = packed;
        siftDown(0, size);
      }
    }
    return size;
  }

  /**
   * Without top-k, a token whose probability is below (1 - p) / (n - 1) of the mass can never be needed
   * to reach p, so only the others are sorted.
   */
  private int selectAboveCutoff(float[] probabilities, double sum) {
    double cutoff = (1.0 - topP) / Math.max(1, probabilities.length - 1) * sum;
    int count = 0;
    for (int i = 0; i < probabilities.length; i++) {
      if (probabilities[i] > 0f && probabilities[i] >= cutoff) {
        candidates[count++] = pack(probabilities[i], i);
      }
    }
    return count;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (candidates[i] >= candidates[parent]) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i, int size) {
    while (true) {
      int smallest = i;
      int left = 2 * i + 1;
      int right = left + 1;
      if (left < size && candidates[left] < candidates[smallest]) {
        smallest = left;
      }
      if (right < size && candidates[right] < candidates[smallest]) {
        smallest = right;
      }
      if (smallest == i) {
        return;
      }
      swap(i, smallest);
      i = smallest;
    }
  }

  private void swap(int a, int b) {
    long t = candidates[a];
    candidates[a] = candidates[b];
    candidates[b] = t;
  }

  private static long pack(float probability, int token) {
    return ((long) Float.floatToIntBits(probability) << 32) | token;
  }

  private static float probability(long packed) {
    return Float.intBitsToFloat((int) (packed >>> 32));
  }

  private static int tokenOf(long packed) {
    return (int) (packed & 0xFFFFFFFFL);
  }
}
