package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThinkingSplitTest {
  @Test
  void anAnswerWithoutReasoningIsAllAnswer() {
    assertEquals(new ThinkingSplit("", "Paris.", true), ThinkingSplit.of("Paris.", false));
    assertEquals(new ThinkingSplit("", "a < b, and <b>bold</b>", true), ThinkingSplit.of("a < b, and <b>bold</b>", false));
  }

  @Test
  void taggedReasoningIsSplitFromTheAnswer() {
    assertEquals(new ThinkingSplit("The capital of France... Paris.", "Paris.", true),
        ThinkingSplit.of("\n<think>\nThe capital of France... Paris.\n</think>\n\nParis.", false));
  }

  @Test
  void aPromptThatOpenedTheThinkingLeavesOnlyTheClosingTag() {
    assertEquals(new ThinkingSplit("Let me count: 2+2=4.", "4", true),
        ThinkingSplit.of("Let me count: 2+2=4.\n</think>\n4", true));
    assertEquals(new ThinkingSplit("Let me count", "", false), ThinkingSplit.of("Let me count", true));
  }

  @Test
  void aFinishedAnswerSaysItselfWhetherThePromptOpenedTheThinking() {
    assertEquals(new ThinkingSplit("Let me count.", "4", true), ThinkingSplit.ofFinished("Let me count.\n</think>\n4"));
    assertEquals(new ThinkingSplit("Count.", "4", true), ThinkingSplit.ofFinished("<think>Count.</think>4"));
    assertEquals(new ThinkingSplit("", "Paris.", true), ThinkingSplit.ofFinished("Paris."));
  }

  @Test
  void everyPrefixOfAStreamShowsNoTagAndNeverTakesTextBack() {
    String full = "<think>Hmm, tags: <b> and </thin are not it.</think>\nThe answer.";
    String lastThinking = "";
    String lastAnswer = "";
    boolean done = false;
    for (int i = 0; i <= full.length(); i++) {
      ThinkingSplit s = ThinkingSplit.of(full.substring(0, i), false);
      String shown = s.thinking() + s.answer();
      assertFalse(shown.contains("<think") || shown.contains("</think"), i + ": " + s);
      assertTrue(s.thinking().startsWith(lastThinking.strip()) || lastThinking.isEmpty(), i + ": " + s);
      assertTrue(s.answer().startsWith(lastAnswer), i + ": " + s);
      assertTrue(!done || s.thinkingDone(), "once done, done");
      lastThinking = s.thinking();
      lastAnswer = s.answer();
      done = s.thinkingDone();
    }
    assertEquals(new ThinkingSplit("Hmm, tags: <b> and </thin are not it.", "The answer.", true),
        ThinkingSplit.of(full, false));
  }
}
