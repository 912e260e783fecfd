package dev.pith.app.ui.sidebar;

import static dev.pith.app.ui.sidebar.Sidebar.MARK_CLOSE;
import static dev.pith.app.ui.sidebar.Sidebar.MARK_OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pith.app.ui.sidebar.MarkedText.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snippets from search, cut into plain and matched parts. */
class MarkedTextTest {
  @Test
  void marksSplitTheSnippetIntoPlainAndMatchedParts() {
    String snippet = "set the " + MARK_OPEN + "fan" + MARK_CLOSE + " to 40% " + MARK_OPEN + "speed" + MARK_CLOSE;

    assertEquals(List.of(new Part("set the ", false), new Part("fan", true), new Part(" to 40% ", false),
        new Part("speed", true)), MarkedText.parse(snippet));
  }

  @Test
  void aSnippetWithoutMarksIsOnePlainPart() {
    assertEquals(List.of(new Part("no match shown", false)), MarkedText.parse("no match shown"));
    assertEquals(List.of(), MarkedText.parse(""));
  }

  @Test
  void anOpenMarkWithoutCloseMarksToTheEnd() {
    assertEquals(List.of(new Part("cut ", false), new Part("off…", true)),
        MarkedText.parse("cut " + MARK_OPEN + "off…"));
  }

  @Test
  void strayAndRepeatedMarksAreDroppedAndNeverShown() {
    String snippet = "a" + MARK_CLOSE + "b " + MARK_OPEN + "c" + MARK_OPEN + "d" + MARK_CLOSE + MARK_CLOSE + " e";

    assertEquals(List.of(new Part("ab ", false), new Part("cd", true), new Part(" e", false)),
        MarkedText.parse(snippet));
  }

  @Test
  void adjacentMatchesStaySeparateAndEmptyOnesVanish() {
    String snippet = MARK_OPEN + "red" + MARK_CLOSE + MARK_OPEN + "fox" + MARK_CLOSE + MARK_OPEN + MARK_CLOSE;

    assertEquals(List.of(new Part("red", true), new Part("fox", true)), MarkedText.parse(snippet));
  }

  @Test
  void lineBreaksAndRunsOfSpaceBecomeOneSpace() {
    assertEquals(List.of(new Part("first line ", false), new Part("second", true)),
        MarkedText.parse("first\n\n  line\t" + MARK_OPEN + "second" + MARK_CLOSE));
  }

  @Test
  void plainTextDropsTheMarks() {
    assertEquals("the fan is quiet", MarkedText.plain("the " + MARK_OPEN + "fan" + MARK_CLOSE + " is quiet"));
  }
}
