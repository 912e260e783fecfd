package dev.pith.app.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageStatsTest {
  private static final MessageMetrics FULL = new MessageMetrics(96, 128, 320.4, 14.23, 4.08, 3.2, "Pi 5 PMIC");

  @Test
  void everyMeasuredFigureInTheCliWords() {
    assertEquals("14.2 tok/s · TTFT 320 ms · 128 tokens · 4.1 J · 0.032 J/token · 3.2 W", MessageStats.line(FULL));
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
  void theDrawOverTheIdleBaselineJoinsTheLineAndTheDetails() {
    // 12.8 J over 4 s (3.2 W) with 2.1 W drawn before the question: 8.4 J at idle, 4.4 J above it.
    MessageMetrics withIdle = new MessageMetrics(96, 128, 320.4, 14.23, 12.8, 3.2, "Pi 5 PMIC", 2.1);
    assertEquals("14.2 tok/s · TTFT 320 ms · 128 tokens · 12.8 J · 0.100 J/token · 3.2 W (+1.1 over idle)",
        MessageStats.line(withIdle, "cpu"));
    assertEquals("Speed: 14.2 tokens per second\n"
        + "Time to first token: 320 ms\n"
        + "Tokens: 96 read, 128 generated\n"
        + "Energy: 12.8 J (0.100 J/token), 3.2 W on average, from Pi 5 PMIC\n"
        + "Above idle: 4.4 J (0.034 J/token), 1.1 W more than the 2.1 W drawn just before the question",
        MessageStats.details(withIdle, "cpu"));

    MessageMetrics busierBefore = new MessageMetrics(10, 20, 100.0, 10.0, 6.0, 3.0, "RAPL", 3.5);
    assertTrue(MessageStats.line(busierBefore, "cpu").endsWith("3.0 W (0.5 under idle)"));
    assertTrue(MessageStats.details(busierBefore, "cpu").endsWith(
        "Above idle: -1.0 J (-0.050 J/token), 0.5 W less than the 3.5 W drawn just before the question"));
  }

  @Test
  void anNpuAnswersEnergySaysTheNpuIsNotInIt() {
    MessageMetrics npu = new MessageMetrics(50, 64, 410.0, 6.8, 30.2, 4.6, "Pi 5 PMIC", 3.0);
    assertTrue(MessageStats.line(npu, "hailo").endsWith("4.6 W (+1.6 over idle) · NPU not included"),
        MessageStats.line(npu, "hailo"));
    String details = MessageStats.details(npu, "hailo");
    assertTrue(details.endsWith("\nThe Hailo-10H has no power sensor: its draw is not included; the NPU adds about"
        + " 2.5 W (Hailo's published typical draw, an estimate)"), details);
    assertFalse(MessageStats.line(npu, "cpu").contains("NPU"));
    MessageMetrics unmeasured = new MessageMetrics(50, 64, 410.0, 6.8, null, null, null);
    assertFalse(MessageStats.line(unmeasured, "hailo").contains("NPU"), "no energy, nothing to qualify");
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
        MessageStats.line(partial, "cpu", MessageStatus.CANCELLED));
    assertEquals("interrupted", MessageStats.line(MessageMetrics.NONE, "cpu", MessageStatus.INTERRUPTED));
    assertEquals("failed", MessageStats.line(MessageMetrics.NONE, null, MessageStatus.ERROR));
    assertEquals(MessageStats.line(partial), MessageStats.line(partial, "cpu", MessageStatus.COMPLETE));
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
