package dev.pith.storage.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.TestClock;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SearchDao;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the import refuses: each is one clear line, and the database is exactly as before. The broken spot
 * is mostly late in the file (the third conversation), so the first two were already added when it fails.
 */
class JsonImportErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final TestClock clock = new TestClock();
  private Database target;
  private UUID targetConversation;
  private String exportText;
  private ObjectNode export;

  @BeforeEach
  void exportAndATargetWithAConversationOfItsOwn() throws IOException {
    try (Database source = Samples.fixture(dir.resolve("source"), clock)) {
      Samples.addAwkwardConversation(source);
      exportText = Samples.exportText(source);
    }
    export = (ObjectNode) JSON.readTree(exportText);
    target = Fixtures.open(dir.resolve("target"), clock);
    targetConversation = Fixtures.conversation(target, "Already here", "Hello?", "Hi.");
  }

  @AfterEach
  void close() {
    target.close();
  }

  @Test
  void aNewerVersionIsRefused() {
    export.put("version", 7);
    assertRejected("export version 7 is newer than this Pith understands (1)");
    export.put("version", 0);
    assertRejected("version: expected a version from 1 up, found 0");
    export.put("version", "1");
    assertRejected("version: expected a whole number, found text");
  }

  @Test
  void aFileThatIsNotJsonAtAllIsRefused() throws IOException {
    assertRejected("not a Pith export: the file is not JSON", "Dear diary, today I exported nothing.\n");
    assertRejected("not a Pith export: the file is not JSON",
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
    assertRejected("not a Pith export: the file is empty", "");
    assertRejected("not a Pith export: expected a JSON object, found a list", "[1, 2, 3]");
  }

  @Test
  void jsonThatIsNotAPithExportIsRefused() throws IOException {
    assertRejected("not a Pith export: missing \"format\"", "{\"name\": \"my notes\", \"items\": []}");
    export.put("format", "chatgpt-conversations");
    assertRejected("not a Pith export: \"format\" is 'chatgpt-conversations' (expected 'pith-conversations')");
    export.remove("format");
    assertRejected("not a Pith export: missing \"format\" (it must come before \"conversations\")");
  }

  @Test
  void aTruncatedFileSaysWhereItEnds() throws IOException {
    String half = exportText.substring(0, exportText.length() / 2);
    ImportException e = rejected(write(half.getBytes(StandardCharsets.UTF_8)));
    long lines = half.lines().count();
    assertTrue(e.getMessage().matches("the file ends early \\(truncated JSON at line " + lines + ", column \\d+\\)"),
        e.getMessage());

    byte[] bytes = exportText.getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 40);
    assertTrue(rejected(write(cut)).getMessage().startsWith("the file ends early (truncated JSON at line "));
  }

  @Test
  void aFileCutAnywhereSaysItEndsEarly() throws IOException {
    byte[] bytes = exportText.getBytes(StandardCharsets.UTF_8);
    int cuts = 60;
    for (int i = 1; i < cuts; i++) {
      int at = (int) ((long) bytes.length * i / cuts);
      String message = rejected(write(java.util.Arrays.copyOf(bytes, at))).getMessage();
      assertTrue(message.startsWith("the file ends early (truncated JSON at line "), "cut at " + at + ": " + message);
    }
  }

  @Test
  void aNumberCutShortInsideTheFileIsInvalidNotTruncated() throws IOException {
    String broken = exportText.replace("812.345", "812.");
    String message = rejected(write(broken.getBytes(StandardCharsets.UTF_8))).getMessage();
    assertTrue(message.startsWith("invalid JSON at line ") && message.contains("Decimal point not followed by a digit"),
        message);
  }

  @Test
  void anIdTwiceInTheFileIsNamed() {
    String failedAnswer = message(2, 3).get("id").asText();
    message(2, 4).put("id", failedAnswer);
    assertRejected("conversations[2].messages[4].id: message " + failedAnswer + " appears twice in the file");
  }

  @Test
  void aMessageIdTwiceAcrossConversationsIsNamed() {
    String first = message(0, 0).get("id").asText();
    message(2, 0).put("id", first);
    assertRejected("conversations[2].messages[0].id: message " + first + " appears twice in the file");
  }

  @Test
  void aConversationIdTwiceIsNamed() {
    conversation(1).put("id", Samples.SOURDOUGH.toString());
    assertRejected("conversations[1].id: conversation " + Samples.SOURDOUGH + " appears twice in the file");
  }

  @Test
  void aParentFromAnotherConversationIsRefused() {
    String elsewhere = message(0, 0).get("id").asText();
    message(2, 1).put("parent_id", elsewhere);
    assertRejected("conversations[2].messages[1].parent_id: " + elsewhere
        + " is a message of another conversation (" + Samples.SOURDOUGH + ")");
  }

  @Test
  void aParentFromAnotherConversationOfTheDatabaseIsRefused() {
    UUID local = target.read(c -> new MessageDao(c).thread(targetConversation, 10)).get(0).id();
    message(2, 1).put("parent_id", local.toString());
    assertRejected("conversations[2].messages[1].parent_id: " + local + " is a message of another conversation ("
        + targetConversation + ")");
  }

  @Test
  void aParentThatComesLaterInTheFileIsRefused() {
    String later = message(2, 5).get("id").asText();
    message(2, 1).put("parent_id", later);
    assertRejected("conversations[2].messages[1].parent_id: " + later
        + " is not an earlier message of this conversation (nor in the database)");
  }

  @Test
  void aMessageIdTheDatabaseHasInAnotherConversationIsRefused() {
    UUID local = target.read(c -> new MessageDao(c).thread(targetConversation, 10)).get(0).id();
    message(2, 0).put("id", local.toString());
    assertRejected("conversations[2].messages[0].id: message " + local
        + " is already in another conversation of this database (" + targetConversation + ")");
  }

  @Test
  void anUnknownRoleOrStatusIsNamed() {
    message(2, 3).put("role", "wizard");
    assertRejected("conversations[2].messages[3].role: unknown role 'wizard' (expected system, user or assistant)");
    message(2, 3).put("role", "assistant").put("status", "thinking");
    assertRejected("conversations[2].messages[3].status: unknown message status 'thinking' "
        + "(expected streaming, complete, cancelled, interrupted or error)");
  }

  @Test
  void valuesOfTheWrongFormAreNamed() {
    message(2, 3).put("id", "not-a-uuid");
    assertRejected("conversations[2].messages[3].id: 'not-a-uuid' is not a UUID");
    message(2, 3).put("id", Samples.id(4).toString()).put("created", "yesterday\nat noon");
    assertRejected("conversations[2].messages[3].created: 'yesterday\\nat noon' is not a time like "
        + "2026-01-01T09:30:00.000Z");
    message(2, 3).put("created", "2026-03-04T05:06:11.093Z");
    ((ObjectNode) message(2, 3).get("metrics")).put("prompt_tokens", 1.5);
    assertRejected("conversations[2].messages[3].metrics.prompt_tokens: expected a whole number, found 1.5");
    ((ObjectNode) message(2, 3).get("metrics")).put("prompt_tokens", 120);
    conversation(0).put("pinned", "yes");
    assertRejected("conversations[0].pinned: expected true or false, found text");
    conversation(0).put("pinned", true);
    message(2, 3).remove("content");
    assertRejected("conversations[2].messages[3]: missing \"content\"");
    message(2, 3).put("content", "x");
    export.set("conversations", JSON.createObjectNode());
    assertRejected("conversations: expected a list of conversations, found an object");
  }

  @Test
  void aConversationFieldAfterItsMessagesIsRefused() {
    ObjectNode sourdough = conversation(0);
    JsonNode title = sourdough.remove("title");
    sourdough.set("title", title);
    assertRejected("conversations[0]: missing \"title\" (it must come before \"messages\")");
  }

  @Test
  void aTextAboveTheLimitIsRefused() {
    message(2, 3).put("content", "x".repeat(TransferFormat.MAX_TEXT_CHARS + 1));
    assertRejected("conversations[2].messages[3].content: a text longer than 16,777,216 characters, "
        + "the most Pith imports");
  }

  @Test
  void deepNestingIsRefused() {
    ArrayNode deep = JSON.createArrayNode();
    ArrayNode inner = deep;
    for (int i = 0; i < 40; i++) {
      inner = inner.addArray();
    }
    message(2, 3).set("from_the_future", deep);
    ImportException e = rejected(write(export.toString().getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("conversations[2].messages[3].from_the_future"), e.getMessage());
    assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
  }

  @Test
  void duplicateFieldsAndTrailingContentAreInvalidJson() {
    String twice = exportText.replaceFirst("\"role\": \"user\",", "\"role\": \"user\", \"role\": \"system\",");
    assertEquals("invalid JSON at line 18, column 33: Duplicate field 'role'",
        rejected(write(twice.getBytes(StandardCharsets.UTF_8))).getMessage());
    ImportException e = rejected(write((exportText + "{}\n").getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("unexpected content after the export at line "), e.getMessage());
  }

  @Test
  void fieldsPithDoesNotKnowAreIgnored() throws IOException {
    export.putObject("from_the_future").putArray("list").add(1).addObject().put("deep", "yes");
    conversation(0).put("color", "teal");
    message(2, 3).put("reasoning", "hidden").putNull("nothing");
    Path file = write(export.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(new ImportResult(3, 0, 14, 0), new JsonImport(target).read(file));
  }

  private ObjectNode conversation(int i) {
    return (ObjectNode) export.get("conversations").get(i);
  }

  private ObjectNode message(int conversation, int i) {
    return (ObjectNode) conversation(conversation).get("messages").get(i);
  }

  /** The current {@link #export}, refused with {@code expected}. */
  private void assertRejected(String expected) {
    assertRejected(expected, export.toString());
  }

  private void assertRejected(String expected, String fileText) {
    assertRejected(expected, fileText.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRejected(String expected, byte[] file) {
    assertEquals(expected, rejected(write(file)).getMessage());
  }

  /** Imports {@code file}, which must fail, and checks the database is as before, search index included. */
  private ImportException rejected(Path file) {
    String before = Samples.exportText(target);
    List<Object> rows = Samples.rows(target);
    ImportException e = assertThrows(ImportException.class, () -> new JsonImport(target).read(file));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertEquals(before, Samples.exportText(target));
    assertEquals(rows, Samples.rows(target));
    assertEquals(List.of(), target.read(c -> new SearchDao(c).search("sourdough", 10, "[", "]")));
    assertEquals(List.of(), target.integrityCheck());
    return e;
  }

  private Path write(byte[] content) {
    try {
      return Files.write(Files.createTempFile(dir, "import", ".json"), content);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
