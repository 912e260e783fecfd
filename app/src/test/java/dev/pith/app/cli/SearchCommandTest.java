package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.storage.Database;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pith search} over a real database with two conversations. */
class SearchCommandTest {
  @TempDir Path home;
  private Path data;
  private Conversation helmets;
  private Conversation summer;

  @BeforeEach
  void twoConversations() {
    data = home.resolve("data");
    try (Database db = StoredData.open(data)) {
      helmets = StoredData.conversation(db, "Pith helmets",
          List.of("Where do pith helmets come from?", "They were made from the pith of the sola plant."));
      summer = StoredData.conversation(db, "Summer hats",
          List.of("Which hats keep you cool in summer?", "Straw hats and pith helmets both do."));
    }
  }

  private CliRun search(String... args) {
    return search(Terminal.none(), args);
  }

  private CliRun search(Terminal terminal, String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", data.toString(), "search"));
    all.addAll(List.of(args));
    return CliRun.of(TestContexts.isolated(home).withTerminal(terminal), all.toArray(String[]::new));
  }

  @Test
  void findsAWordInEveryConversation() throws Exception {
    CliRun run = search("--json", "pith");

    assertEquals(0, run.exitCode(), run::toString);
    List<JsonNode> hits = run.jsonLines();
    assertEquals(3, hits.size(), run::toString);
    Set<String> conversations = hits.stream().map(h -> h.path("conversation_id").asText()).collect(Collectors.toSet());
    assertEquals(Set.of(helmets.id().toString(), summer.id().toString()), conversations);
    for (JsonNode hit : hits) {
      assertTrue(hit.path("snippet").asText().contains("**pith**"), hit::toString);
      assertTrue(Set.of("user", "assistant").contains(hit.path("role").asText()), hit::toString);
      Instant.parse(hit.path("created").asText());
      assertTrue(hit.path("message_id").asText().matches("[0-9a-f-]{36}"), hit::toString);
    }
  }

  @Test
  void jsonLineHasEveryField() {
    JsonNode hit = search("--json", "straw").jsonLines().get(0);

    assertEquals(summer.id().toString(), hit.path("conversation_id").asText());
    assertEquals("Summer hats", hit.path("conversation_title").asText());
    assertEquals("assistant", hit.path("role").asText());
    assertEquals("**Straw** hats and pith helmets both do.", hit.path("snippet").asText());
  }

  @Test
  void plainOutputIsTwoLinesPerHitWithMarkedWords() {
    CliRun run = search("sola", "plant");

    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = run.outLines();
    assertEquals(2, lines.size(), run::toString);
    assertTrue(lines.get(0).startsWith("Pith helmets  (" + Display.shortId(helmets.id()) + ", pith, "), run::toString);
    assertEquals("    They were made from the pith of the **sola** **plant**.", lines.get(1));
  }

  @Test
  void aTerminalSeesMatchesInBold() {
    CliRun run = search(new Terminal(new StringReader(""), true), "straw");

    assertTrue(run.out().contains("\u001b[1mStraw\u001b[22m hats"), run::toString);
  }

  @Test
  void limitKeepsTheBestMatches() {
    assertEquals(1, search("--json", "--limit", "1", "helmets").jsonLines().size());
    assertEquals(2, search("--limit", "0", "helmets").exitCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"c++ \"foo", "NEAR(", "'); DROP TABLE messages; --", "pith*", "-helmets", "pith AND hats",
      "\"unclosed phrase", "title:pith", "^pith", "NOT"})
  void queriesWithFtsSyntaxAreSearchedAsText(String query) {
    CliRun run = search("--", query);

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.err().isEmpty() || run.err().equals("No matches." + System.lineSeparator()), run::toString);
    assertTrue(!run.err().toLowerCase().contains("syntax") && !run.err().contains("fts5"), run::toString);
    long messages = StoredData.read(data, c -> new MessageDao(c).count());
    assertEquals(4, messages, "nothing was dropped");
  }

  @Test
  void aPhraseInQuotesMatchesWordsStandingTogether() {
    assertEquals(1, search("--json", "\"pith helmets\"", "straw").jsonLines().size());
    assertEquals(0, search("--json", "\"helmets pith\"").jsonLines().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\"\"", "--- ;;; ()"})
  void nothingSearchableIsANoteAndExitCode0(String query) {
    CliRun run = search("--json", "--", query);

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.out());
    assertEquals(List.of("Nothing to search for: the query has no letters or digits."), run.errLines());
  }

  @Test
  void noMatchIsANoteAndExitCode0() {
    CliRun run = search("zeppelin");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.out());
    assertEquals(List.of("No matches."), run.errLines());
  }

  @Test
  void noDatabaseYetFindsNothingAndCreatesNothing() {
    data = home.resolve("empty");

    CliRun run = search("helmets");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("No matches: no conversations are stored"), run::toString);
    assertTrue(!data.toFile().exists());
  }

  @Test
  void databaseOfAnotherProgramIsOneLineAndExitCode1() throws Exception {
    data = home.resolve("foreign");
    StoredData.foreignDatabase(data);

    CliRun run = search("helmets");

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("another program"), run::toString);
  }
}
