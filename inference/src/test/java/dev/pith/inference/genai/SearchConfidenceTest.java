package dev.pith.inference.genai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.SamplingSettings;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The answer's confidence that {@link Search} keeps: each chosen token's log-probability, as a mean and minimum. */
class SearchConfidenceTest {
  private static final float LN3 = (float) Math.log(3);

  @Test
  void greedyPicksAreScoredUnderTheSoftmaxOfTheirLogits() {
    Search search = new Search(2, 100, SamplingSettings.GREEDY, Set.of());
    assertTrue(Double.isNaN(search.meanLogprob()), "nothing chosen yet");
    assertEquals(1, search.next(new float[] {0f, LN3})); // 1/4 and 3/4
    assertEquals(0, search.next(new float[] {7f, 7f})); // a tie: 1/2 each, the lower id
    assertEquals((Math.log(0.75) + Math.log(0.5)) / 2, search.meanLogprob(), 1e-6);
    assertEquals(Math.log(0.5), search.minLogprob(), 1e-6);
  }

  @Test
  void aSamplerThatRewritesTheLogitsInPlaceStillScoresTheRawDistribution() {
    // top-k 1: the sampler turns the logits into probabilities in place, and must pick the likeliest
    Search search = new Search(3, 100, new SamplingSettings(0.7f, 1, 1f, 1f, 42L), Set.of());
    assertEquals(2, search.next(new float[] {0f, 0f, (float) Math.log(2)})); // 1/4, 1/4, 1/2
    assertEquals(Math.log(0.5), search.meanLogprob(), 1e-6, "temperature does not change the confidence");
  }

  @Test
  void logSumExpDoesNotOverflow() {
    assertEquals(1000 + Math.log(2), Search.logSumExp(new float[] {1000f, 1000f}), 1e-4);
  }
}
