package dev.pith.app.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageStatsTest {
  private static final MessageMetrics FULL = new MessageMetrics(96, 128, 320.4, 14.23, 4.08, 3.2, "Pi 5 PMIC");

  @Test
  void everyMeasuredFigureInTheCliWords() {
    assertEquals("14.2 tok/s · TTFT 320 ms · 128 tokens · 4.1 J", MessageStats.line(FULL));
  }

  @Test
  void onlyTheKnownPartsAppear() {
    MessageMetrics noEnergy = new MessageMetrics(96, 128, 320.0, 14.2, null, null, null);
    assertEquals("14.2 tok/s · TTFT 320 ms · 128 tokens", MessageStats.line(noEnergy));
    MessageMetrics oneToken = new MessageMetrics(12, 1, 95.0, Double.NaN, null, null, null);
    assertEquals("TTFT 95 ms · 1 token", MessageStats.line(oneToken));
    assertEquals("", MessageStats.line(MessageMetrics.NONE));
  }

  @Test
  void largeEnergiesDropTheDecimal() {
    assertEquals("99.9 J", MessageStats.joules(99.94));
    assertEquals("612 J", MessageStats.joules(611.7));
  }

  @Test
  void anAnswerThatDidNotFinishSaysHowItEnded() {
    MessageMetrics partial = new MessageMetrics(40, 12, 210.0, 9.5, null, null, null);
    assertEquals("9.5 tok/s · TTFT 210 ms · 12 tokens · stopped",
        MessageStats.line(partial, MessageStatus.CANCELLED));
    assertEquals("interrupted", MessageStats.line(MessageMetrics.NONE, MessageStatus.INTERRUPTED));
    assertEquals("failed", MessageStats.line(MessageMetrics.NONE, MessageStatus.ERROR));
    assertEquals(MessageStats.line(partial), MessageStats.line(partial, MessageStatus.COMPLETE));
    assertEquals(Optional.empty(), MessageStats.ending(MessageStatus.STREAMING));
  }

  @Test
  void detailsSpellOutWhatTheLineAbbreviates() {
    assertEquals("Speed: 14.2 tokens per second\n"
        + "Time to first token: 320 ms\n"
        + "Tokens: 96 read, 128 generated\n"
        + "Energy: 4.1 J (0.032 J/token), 3.2 W on average, from Pi 5 PMIC", MessageStats.details(FULL));
    assertEquals("Tokens: 7 generated",
        MessageStats.details(new MessageMetrics(null, 7, null, null, null, null, null)));
    assertEquals("", MessageStats.details(MessageMetrics.NONE));
  }
}
