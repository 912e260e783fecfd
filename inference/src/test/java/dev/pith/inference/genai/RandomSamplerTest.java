package dev.pith.inference.genai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {
  /** Logits whose softmax is 0.5, 0.25, 0.125, ... over ids 0..n-1 (a power-of-two ladder). */
  private static float[] ladder(int n) {
    float[] l = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = (float) (-i * Math.log(2));
    }
    return l;
  }

  private static Set<Integer> drawn(RandomSampler s, int n, int draws) {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < draws; i++) {
      seen.add(s.sample(ladder(n)));
    }
    return seen;
  }

  @Test
  void topKKeepsOnlyTheKMostLikely() {
    assertEquals(Set.of(0, 1, 2), drawn(new RandomSampler(64, 1f, 3, 1f, 1), 64, 2000));
  }

  @Test
  void topPKeepsTheSmallestSetReachingP() {
    // 0.5 + 0.25 = 0.75 reaches p = 0.7; token 2 is not needed.
    assertEquals(Set.of(0, 1), drawn(new RandomSampler(64, 1f, 0, 0.7f, 2), 64, 2000));
    // With top-k 2 first, p = 0.7 of the remaining (0.5 / 0.75 = 0.67) still needs both.
    assertEquals(Set.of(0, 1), drawn(new RandomSampler(64, 1f, 2, 0.7f, 3), 64, 2000));
  }

  @Test
  void frequenciesFollowTheDistribution() {
    RandomSampler s = new RandomSampler(8, 1f, 0, 1f, 5);
    int[] counts = new int[8];
    int draws = 20000;
    for (int i = 0; i < draws; i++) {
      counts[s.sample(ladder(8))]++;
    }
    assertEquals(0.5, counts[0] / (double) draws, 0.02);
    assertEquals(0.25, counts[1] / (double) draws, 0.02);
  }

  @Test
  void lowTemperatureSharpensTowardsTheTopToken() {
    RandomSampler cold = new RandomSampler(8, 0.05f, 0, 1f, 9);
    for (int i = 0; i < 500; i++) {
      assertEquals(0, cold.sample(ladder(8)));
    }
    assertTrue(drawn(new RandomSampler(8, 3f, 0, 1f, 9), 8, 2000).size() > 4);
  }

  @Test
  void hugeLogitsDoNotOverflow() {
    float[] logits = {1e30f, 1e30f - 1e24f, -1e30f};
    assertEquals(0, new RandomSampler(3, 1f, 0, 1f, 1).sample(logits));
  }

  @Test
  void repetitionPenaltyPushesSeenTokensDown() {
    RepetitionPenalty p = new RepetitionPenalty(2f, 4);
    p.add(0);
    p.add(1);
    p.add(1);
    float[] logits = {4f, -1f, 3f, 0f};
    p.apply(logits);
    assertEquals(2f, logits[0]);
    assertEquals(-2f, logits[1]);
    assertEquals(3f, logits[2]);
  }
}
