package dev.pith.storage.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.StorageException;
import dev.pith.storage.TestClock;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownExportTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  @TempDir Path dir;
  private final TestClock clock = new TestClock();

  @Test
  void aConversationWithABranchAndAnInterruptedAnswerReadsAsItsThread() throws Exception {
    try (Database db = Samples.fixture(dir, clock)) {
      assertEquals("""
          # Sourdough starter

          _Started 2026-01-01 00:00 UTC · last active 2026-01-01 00:00 UTC_

          ### You

          How often should I feed a sourdough starter?

          ### Assistant (qwen2.5-1.5b-instruct, hailo)

          _1 other version of this answer is in the JSON export._

          Feed it every 12 hours with equal weights of flour and water.

          ### You

          And if I forget for a week?

          ### Assistant (qwen2.5-1.5b-instruct, cpu)

          It will smell of acetone, but a few feedings usually revive

          > **Interrupted:** Pith stopped before this answer was finished.

          """, page(db, Samples.SOURDOUGH));
    }
  }

  @Test
  void aFailedAnswerWithTwoOtherVersionsSaysSoAndKeepsTheTextAsItIs() throws Exception {
    try (Database db = Fixtures.open(dir, clock)) {
      Samples.addAwkwardConversation(db);
      db.writeAndWait("test", c -> {
        new MessageDao(c).insert(Samples.answer(8, Samples.id(2), "", MessageStatus.ERROR,
            "The model ran out of memory.\nTry a smaller one.", "qwen2.5-1.5b-instruct", "cpu", MessageMetrics.NONE));
        return null;
      });
      String page = page(db, Samples.AWKWARD);
      assertTrue(page.startsWith("# Ünïcødé 🎉 \"quotes\" & <tags> second line\n\n"
          + "_Started 2026-03-04 05:06 UTC · last active 2026-03-04 05:06 UTC_\n\n"
          + "### System\n\nYou are terse.\nAnswer in one line.\n\n### You\n\n" + Samples.SQL_TEXT + "\n"), page);
      assertTrue(page.endsWith("### Assistant (qwen2.5-1.5b-instruct, cpu)\n\n"
          + "_2 other versions of this answer are in the JSON export._\n\n"
          + "_(no text)_\n\n"
          + "> **Error:** The model ran out of memory. Try a smaller one.\n\n"), page);
    }
  }

  @Test
  void everyConversationGetsItsOwnFileInTheFolder() throws Exception {
    Path folder = dir.resolve("markdown");
    try (Database db = Samples.fixture(dir.resolve("db"), clock)) {
      Samples.addAwkwardConversation(db);
      assertEquals(new ExportResult(3, 4 + 2 + 5), new MarkdownExport(db, UTC).writeFolder(folder));
    }
    assertEquals(Set.of("Sourdough-starter-11111111.md", "Crème-brûlée-für-Anfänger-22222222.md",
        "Ünïcødé-quotes-tags-second-line-33333333.md"), fileNames(folder));
    String creme = Files.readString(folder.resolve("Crème-brûlée-für-Anfänger-22222222.md"));
    assertTrue(creme.startsWith("# Crème brûlée für Anfänger\n"), creme);
    assertTrue(creme.endsWith("### Assistant (deepseek-r1-distill-qwen-1.5b, cpu)\n\n"
        + "Der Zucker braucht direkte, starke Hitze: ein Brenner oder der Grill.\n\n"
        + "> **Stopped:** the answer was stopped before it was finished.\n\n"), creme);
  }

  @Test
  void unsafeTitlesBecomeSafeUniqueFileNamesInsideTheFolder() throws Exception {
    Path folder = dir.resolve("out");
    try (Database db = Fixtures.open(dir.resolve("db"), clock)) {
      for (String title : new String[] {"../../etc/passwd", "CON", "nul.txt", "a/b\\c:d*e?f\"g<h>i|j", "",
          "\u001b[31mred\u202e", "Same title", "Same title", ".hidden", "   "}) {
        Fixtures.conversation(db, title, "q", "a");
      }
      new MarkdownExport(db, UTC).writeFolder(folder);
    }
    Set<String> names = fileNames(folder);
    assertEquals(10, names.size());
    for (String name : names) {
      assertTrue(name.matches("[\\p{L}\\p{N}-]+-\\p{XDigit}{8}\\.md"), name);
    }
    assertTrue(names.stream().anyMatch(n -> n.startsWith("etc-passwd-")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("CON-")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("nul-txt-")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("31mred-")), names.toString());
    assertEquals(2, names.stream().filter(n -> n.startsWith("Same-title-")).count());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("hidden-")), names.toString());
    assertEquals(2, names.stream().filter(n -> n.startsWith("untitled-")).count());
    try (Stream<Path> all = Files.walk(dir)) {
      assertEquals(10, all.filter(p -> p.toString().endsWith(".md")).count(), "nothing written outside the folder");
    }
  }

  @Test
  void aMissingConversationIsOneClearLine() throws Exception {
    try (Database db = Fixtures.open(dir, clock)) {
      UUID missing = UUID.fromString("99999999-9999-4999-8999-999999999999");
      StorageException e = assertThrows(StorageException.class,
          () -> new MarkdownExport(db, UTC).writeConversation(missing, new ByteArrayOutputStream()));
      assertEquals("There is no conversation " + missing + ".", e.getMessage());
    }
  }

  private static String page(Database db, UUID conversation) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new MarkdownExport(db, UTC).writeConversation(conversation, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Set<String> fileNames(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
