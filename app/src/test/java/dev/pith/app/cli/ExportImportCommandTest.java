package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.Database;
import dev.pith.storage.model.Conversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pith export} and {@code pith import} between two real data folders. */
class ExportImportCommandTest {
  @TempDir Path home;
  private Path source;
  private Path target;
  private Conversation helmets;

  @BeforeEach
  void twoConversations() {
    source = home.resolve("source");
    target = home.resolve("target");
    try (Database db = StoredData.open(source)) {
      helmets = StoredData.conversation(db, "Pith helmets",
          List.of("Where do pith helmets come from?", "From the pith of the sola plant — «solar» topis."));
      StoredData.conversation(db, "Tea", List.of("Green or black?", "'); DROP TABLE messages; --"));
    }
  }

  @Test
  void exportThenImportElsewhereCarriesEveryConversationAndReimportingAddsNothing() throws IOException {
    Path file = home.resolve("all.json");
    CliRun export = run(source, "export", "--out", file.toString());
    assertEquals(0, export.exitCode(), export.toString());
    assertEquals(List.of("Exported 2 conversations (4 messages) to " + file + "."), export.errLines());
    assertFalse(Files.exists(home.resolve("all.json.part")), "no partial file is left");

    CliRun first = run(target, "import", file.toString());
    assertEquals(0, first.exitCode(), first.toString());
    assertEquals(List.of("Imported 2 conversations and 4 messages."), first.outLines());
    CliRun again = run(target, "import", file.toString());
    assertEquals(List.of("Imported 0 conversations and 0 messages; already here: 2 conversations, 4 messages."),
        again.outLines());

    // The target now exports the same document (but for the export time).
    CliRun fromTarget = run(target, "export");
    assertEquals(0, fromTarget.exitCode(), fromTarget.toString());
    assertEquals(withoutExportTime(Files.readString(file, StandardCharsets.UTF_8)), withoutExportTime(fromTarget.out()));
    assertEquals(2 * 2, run(target, "search", "pith").outLines().size(), "imported text is searchable (two hits)");
  }

  @Test
  void oneConversationByIdPrefixAsMarkdown() {
    CliRun md = run(source, "export", "--format", "md", "--conversation", helmets.id().toString().substring(0, 8));
    assertEquals(0, md.exitCode(), md.toString());
    assertTrue(md.out().startsWith("# Pith helmets\n"), md.out());
    assertTrue(md.out().contains("From the pith of the sola plant — «solar» topis."), md.out());
    assertFalse(md.out().contains("Green or black?"));
  }

  @Test
  void markdownOfEveryConversationGoesToAFolder() throws IOException {
    CliRun all = run(source, "export", "--format", "md");
    assertEquals(2, all.exitCode(), all.toString());
    assertEquals(1, all.errLines().size());

    Path folder = home.resolve("pages");
    CliRun toFolder = run(source, "export", "--format", "md", "--out", folder.toString());
    assertEquals(0, toFolder.exitCode(), toFolder.toString());
    try (var files = Files.list(folder)) {
      assertEquals(2, files.filter(p -> p.toString().endsWith(".md")).count());
    }
  }

  @Test
  void aRefusedFileIsOneLineAndChangesNothing() throws IOException {
    Path file = home.resolve("all.json");
    run(source, "export", "--out", file.toString());
    run(target, "import", file.toString());
    long before = StoredData.read(target, c -> new dev.pith.storage.dao.MessageDao(c).count());

    Path truncated = home.resolve("truncated.json");
    String json = Files.readString(file, StandardCharsets.UTF_8).replace("Pith helmets", "Renamed helmets");
    Files.writeString(truncated, json.substring(0, json.length() / 2), StandardCharsets.UTF_8);
    CliRun refused = run(target, "import", truncated.toString());
    assertEquals(1, refused.exitCode(), refused.toString());
    assertEquals(1, refused.errLines().size(), refused.toString());
    assertTrue(refused.err().startsWith("pith: Nothing imported from " + truncated + ": the file ends early"),
        refused.err());
    assertEquals(before, (long) StoredData.read(target, c -> new dev.pith.storage.dao.MessageDao(c).count()));
  }

  @Test
  void mistakesAreOneLine() {
    CliRun unknown = run(source, "export", "--conversation", "ffffffff");
    assertEquals(1, unknown.exitCode());
    assertEquals(List.of("pith: No conversation id starts with ffffffff."), unknown.errLines());

    CliRun notAnId = run(source, "export", "--conversation", "pith helmets");
    assertEquals(2, notAnId.exitCode());

    CliRun nothingStored = run(home.resolve("empty"), "export");
    assertEquals(1, nothingStored.exitCode());
    assertTrue(nothingStored.err().startsWith("pith: There is nothing to export"), nothingStored.err());
    assertFalse(Files.exists(home.resolve("empty/pith.db")), "export creates no database");

    CliRun missing = run(target, "import", home.resolve("nope.json").toString());
    assertEquals(1, missing.exitCode());
    assertEquals(1, missing.errLines().size());
  }

  private CliRun run(Path dataDir, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dataDir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.of(TestContexts.isolated(home), all);
  }

  private static String withoutExportTime(String json) {
    return json.replaceFirst("\"exported_at\" : \"[^\"]*\"|\"exported_at\": \"[^\"]*\"", "");
  }
}
