package dev.pith.storage.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.model.Conversation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MarkdownFileNamesTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void titlesKeepTheirLettersAndDigitsAndNothingElse() {
    assertEquals("etc-passwd", MarkdownFileNames.fromTitle("../../etc/passwd"));
    assertEquals("a-b-c-d-e-f-g-h-i-j", MarkdownFileNames.fromTitle("a/b\\c:d*e?f\"g<h>i|j"));
    assertEquals("nul-txt", MarkdownFileNames.fromTitle("nul.txt"));
    assertEquals("31mred", MarkdownFileNames.fromTitle("\u0000\u001b[31mred\u202e\n"));
    assertEquals("Crème-brûlée-für-Anfänger", MarkdownFileNames.fromTitle("Crème brûlée für Anfänger"));
    assertEquals("Crème", MarkdownFileNames.fromTitle("Cre\u0300me"), "composed (NFC), as macOS would not");
    assertEquals("日本語のタイトル", MarkdownFileNames.fromTitle("日本語のタイトル"));
    assertEquals("untitled", MarkdownFileNames.fromTitle(""));
    assertEquals("untitled", MarkdownFileNames.fromTitle(" 🎉🎉 ... "));
  }

  @Test
  void longTitlesAreCutToEightyBytesOnACharacterBoundary() {
    String cut = MarkdownFileNames.fromTitle("Ä".repeat(30) + " " + "漢".repeat(60));
    assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= MarkdownFileNames.MAX_TITLE_BYTES, cut);
    assertEquals("Ä".repeat(30) + "-" + "漢".repeat(6), cut);
  }

  @Test
  void namesAreUniqueEvenWhenIdsShareTheirFirstDigitsOrDifferInCase() {
    MarkdownFileNames names = new MarkdownFileNames();
    assertEquals("Notes-12345678.md", names.next(conversation("12345678-0000-4000-8000-000000000001", "Notes")));
    assertEquals("Notes-12345678-0000-4000-8000-000000000002.md",
        names.next(conversation("12345678-0000-4000-8000-000000000002", "Notes")));
    assertEquals("notes-12345678-0000-4000-8000-000000000003.md",
        names.next(conversation("12345678-0000-4000-8000-000000000003", "notes")));
    assertEquals("Notes-9abcdef0.md", names.next(conversation("9abcdef0-0000-4000-8000-000000000001", "Notes")));
  }

  private static Conversation conversation(String id, String title) {
    return new Conversation(UUID.fromString(id), title, T, T, false, false);
  }
}
