package dev.pith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pith.storage.model.MessageMetrics;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CloudHintTest {
  /** 40 earlier answers whose mean log-probabilities run evenly from -0.2 to -0.59. */
  private static final double[] HISTORY = IntStream.range(0, 40).mapToDouble(i -> -0.2 - 0.01 * i).toArray();

  private static MessageMetrics answer(Double meanLogprob, Integer dropped) {
    return new MessageMetrics(50, 80, 300.0, 10.0, null, null, null, null, meanLogprob,
        meanLogprob == null ? null : meanLogprob - 3, dropped);
  }

  @Test
  void anAnswerLessSureThanTheModelsUsualIsHinted() {
    // the 10th percentile of the history is -0.56 (the 4th lowest of 40)
    assertEquals(Optional.empty(), CloudHint.of(answer(-0.4, 0), HISTORY));
    assertEquals(Optional.empty(), CloudHint.of(answer(-0.55, 0), HISTORY));
    assertEquals(Optional.of(new CloudHint("The model was less sure than usual of this answer (its words averaged"
        + " 55 % likely; its usual is 67 %).")), CloudHint.of(answer(-0.6, 0), HISTORY));
  }

  @Test
  void withoutEnoughHistoryAFixedLineStandsIn() {
    double[] few = {-0.3, -0.4};
    assertEquals(Optional.empty(), CloudHint.of(answer(-0.9, 0), few));
    assertEquals(Optional.of(new CloudHint("The model was less sure than usual of this answer (its words averaged"
        + " 33 % likely).")), CloudHint.of(answer(-1.1, 0), few));
    assertEquals(Optional.empty(), CloudHint.of(answer(null, null), few), "no confidence (an NPU answer): no hint");
  }

  @Test
  void aConversationCutByTheContextWindowIsHintedFirst() {
    assertEquals(Optional.of(new CloudHint("The conversation outgrew the model's context: its 3 oldest messages were"
        + " left out of this answer.")), CloudHint.of(answer(-0.2, 3), HISTORY));
    assertEquals("The conversation outgrew the model's context: its 1 oldest message was left out of this answer.",
        CloudHint.of(answer(null, 1), new double[0]).orElseThrow().reason());
  }
}
