package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DisplayTest {

  @Test
  void shortTextIsKeptOnOneLine() {
    assertEquals("two lines", Display.clip("  two\n  lines \n", 60));
  }

  @Test
  void longTextIsCutOnAWordBoundary() {
    assertEquals("the quick brown…", Display.clip("the quick brown fox jumps", 18));
  }

  @Test
  void textWithoutASpaceInItsSecondHalfIsCutAtTheLimit() {
    assertEquals("a supercalifragilistic…", Display.clip("a supercalifragilisticexpialidocious", 22));
  }

  @Test
  void cuttingNeverSplitsACharacterOutsideTheBasicPlane() {
    assertEquals("😀😀😀…", Display.clip("😀😀😀😀😀", 3));
  }

  @Test
  void untitledConversationsSaySo() {
    assertEquals("(untitled)", Display.title(" "));
    assertEquals("Tea", Display.title("Tea"));
  }

  @Test
  void shortIdIsTheFirstEightCharacters() {
    assertEquals("3f2a9c1b", Display.shortId(UUID.fromString("3f2a9c1b-0000-4000-8000-000000000000")));
  }
}
