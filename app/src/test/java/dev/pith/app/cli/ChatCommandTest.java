package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.cli.FakeBackend.Token;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationException;
import dev.pith.inference.StopReason;
import dev.pith.inference.power.PowerMeters;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pith chat} driven through stdin, against a real database in a temp folder and a scripted backend. */
class ChatCommandTest {
  private static final String ANSWER = "Pith helmets keep the sun off.";

  @TempDir Path home;
  private Path data;
  private Path model;
  private FakeBackend backend = backend(StopReason.EOS);

  @BeforeEach
  void folders() throws Exception {
    data = home.resolve("data");
    model = Files.createDirectories(home.resolve("tiny-model"));
  }

  private static FakeBackend backend(StopReason reason) {
    List<Token> tokens = List.of(new Token(11, "Pith helmets"), new Token(12, " keep the sun off."), new Token(2, ""));
    return new FakeBackend(tokens, FakeBackend.stats(7, 3, 40.0, reason));
  }

  private CliRun chat(Terminal terminal, String... options) {
    List<String> args = new ArrayList<>(List.of("--data-dir", data.toString(), "chat"));
    args.addAll(List.of(options));
    return CliRun.of(TestContexts.withBackend(home, backend).withTerminal(terminal), args.toArray(String[]::new));
  }

  private CliRun chat(String input) {
    return chat(Terminal.piped(input), "--model", model.toString());
  }

  private static ChatMessage user(String text) {
    return ChatMessage.user(text);
  }

  @Test
  void eachLineIsStoredAsAQuestionAndItsAnswerWithMetrics() {
    CliRun run = chat("What is a pith helmet?\n");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(ANSWER + "\n", run.out(), "piped: the answers only, no banner or prompt");
    assertEquals("", run.err());
    List<Conversation> conversations = StoredData.conversations(data);
    assertEquals(1, conversations.size());
    assertEquals("What is a pith helmet?", conversations.get(0).title());
    List<Message> thread = StoredData.thread(data, conversations.get(0));
    assertEquals(2, thread.size());
    Message question = thread.get(0);
    Message answer = thread.get(1);
    assertEquals(Role.USER, question.role());
    assertNull(question.parentId());
    assertEquals(Role.ASSISTANT, answer.role());
    assertEquals(question.id(), answer.parentId());
    assertEquals(ANSWER, answer.content());
    assertEquals(MessageStatus.COMPLETE, answer.status());
    assertEquals("tiny-model", answer.modelId());
    assertEquals("cpu", answer.backend());
    assertEquals(new MessageMetrics(7, 3, 12.5, 40.0, null, null, null, null, null, null, 0), answer.metrics());
    assertEquals(List.of(user("What is a pith helmet?")), backend.lastMessages());
  }

  @Test
  void theModelReadsTheWholeThreadAndEachMessageFollowsTheLast() {
    CliRun run = chat("one\ntwo\n");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of(user("one"), ChatMessage.assistant(ANSWER), user("two")), backend.lastMessages());
    List<Message> thread = StoredData.thread(data, StoredData.conversations(data).get(0));
    assertEquals(4, thread.size());
    for (int i = 1; i < thread.size(); i++) {
      assertEquals(thread.get(i - 1).id(), thread.get(i).parentId());
    }
  }

  @Test
  void aLaterChatContinuesAConversationWithListAndOpen() {
    chat("Tell me about pith helmets\n");

    CliRun run = chat("/list\n/open 1\nAnd in summer?\n");

    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = run.outLines();
    assertTrue(lines.get(0).matches(" {2}1\\. Tell me about pith helmets {2}\\(.*, [0-9a-f]{8}\\)"), run::toString);
    assertEquals("Conversation \"Tell me about pith helmets\" (" + Display.shortId(StoredData.conversations(data)
        .get(0).id()) + "):", lines.get(1));
    assertEquals(List.of("you: Tell me about pith helmets", "pith: " + ANSWER, ANSWER), lines.subList(2, 5));
    assertEquals(List.of(user("Tell me about pith helmets"), ChatMessage.assistant(ANSWER), user("And in summer?")),
        backend.lastMessages());
    assertEquals(1, StoredData.conversations(data).size());
  }

  @Test
  void openTakesTheStartOfAConversationId() {
    chat("first\n/new\nsecond\n");
    Conversation first = StoredData.conversations(data).stream()
        .filter(c -> c.title().equals("first")).findFirst().orElseThrow();

    CliRun run = chat("/open " + Display.shortId(first.id()) + "\nagain\n");

    assertTrue(run.out().startsWith("Conversation \"first\""), run::toString);
    assertEquals(List.of(user("first"), ChatMessage.assistant(ANSWER), user("again")), backend.lastMessages());
  }

  @Test
  void openWithoutAMatchIsAOneLineHint() {
    chat("first\n");
    // A number not on the list, and not the start of the one conversation's (random, hex) id either.
    String id = StoredData.conversations(data).get(0).id().toString();
    String number = id.startsWith("7") ? "8" : "7";

    CliRun run = chat("/open " + number + "\n/open zzz\n/open\n");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("No conversation " + number + "; /list shows them.", "No conversation zzz; /list shows them.",
        "Usage: /open N (a number from /list) or /open ID (the start of a conversation id)."), run.errLines());
  }

  @Test
  void newStartsAnotherConversationThatTheModelReadsAlone() {
    CliRun run = chat("first\n/new\nsecond\n/list\n");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of(user("second")), backend.lastMessages());
    assertEquals(2, StoredData.conversations(data).size());
    assertTrue(run.out().contains("* 1. second  ("), run::toString);
    assertTrue(run.out().contains("  2. first  ("), run::toString);
  }

  @Test
  void quitStopsReadingAndExitsZero() {
    CliRun run = chat("hello\n/quit\nnever read\n");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(1, backend.requests.size());
  }

  @Test
  void endOfInputWithoutMessagesExitsZeroAndStoresNothing() {
    CliRun run = chat("\n   \n");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.out());
    assertEquals(0, StoredData.conversations(data).size());
  }

  @Test
  void unknownCommandIsAOneLineHintAndTheChatGoesOn() {
    CliRun run = chat("/frobnicate now\nhello\n");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("Unknown command /frobnicate; /help lists the commands."), run.errLines());
    assertEquals(1, backend.requests.size());
  }

  @Test
  void helpListsTheCommandsAndDoubleSlashSendsASlash() {
    CliRun run = chat("/help\n//etc/hosts\n");

    assertTrue(run.out().startsWith(ChatSession.HELP), run::toString);
    assertEquals(List.of(user("/etc/hosts")), backend.lastMessages());
  }

  @Test
  void generationErrorIsStoredAsErrorAndLeftOutOfTheNextPrompt() {
    backend.failNextWith(new GenerationException("the prompt does not fit the context\n(details)"));

    CliRun run = chat("first\nsecond\n");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("The answer failed: the prompt does not fit the context"), run.errLines());
    List<Message> thread = StoredData.thread(data, StoredData.conversations(data).get(0));
    Message failed = thread.get(1);
    assertEquals(MessageStatus.ERROR, failed.status());
    assertEquals("the prompt does not fit the context", failed.error());
    assertEquals("", failed.content());
    assertEquals(List.of(user("first"), user("second")), backend.lastMessages());
    assertEquals(MessageStatus.COMPLETE, thread.get(3).status());
  }

  @Test
  void cancelledAnswerIsStoredAsCancelledWithItsText() {
    backend = backend(StopReason.CANCELLED);

    CliRun run = chat("hello\n");

    assertEquals(0, run.exitCode(), run::toString);
    Message answer = StoredData.thread(data, StoredData.conversations(data).get(0)).get(1);
    assertEquals(MessageStatus.CANCELLED, answer.status());
    assertEquals(ANSWER, answer.content());
  }

  @Test
  void longFirstMessageIsCutOnAWordForTheTitle() {
    chat("Could you explain how a pith helmet is made, what it is made of, and why it was worn in hot places?\n");

    assertEquals("Could you explain how a pith helmet is made, what it is made…",
        StoredData.conversations(data).get(0).title());
  }

  @Test
  void aTerminalGetsTheBannerPromptsAndEachAnswersSpeed() {
    CliRun run = chat(new Terminal(new StringReader("hello\n"), true), "--model", model.toString());

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("Pith chat — tiny-model, new conversation. /help for commands.", "> " + ANSWER,
        "3 tokens | 40.0 tok/s | TTFT 13 ms", "> "), run.outLines());
  }

  @Test
  void withAPowerMeterEachAnswerKeepsItsEnergyAndTheTerminalShowsIt() throws Exception {
    Path sysfs = home.resolve("sysfs");
    PowerFixtures.hwmon(sysfs, 4_500_000);
    backend.pacedBy(200); // three tokens over ~0.6 s: several readings at 4 Hz
    CliContext context = new CliContext(Map.of(PowerMeters.ROOT_VARIABLE, sysfs.toString()), home,
        (dir, options) -> backend.loadedFrom(dir, options), new Terminal(new StringReader("hello\n"), true));

    CliRun run = CliRun.of(context, "--data-dir", data.toString(), "chat", "--model", model.toString());

    assertEquals(0, run.exitCode(), run::toString);
    String stats = run.outLines().get(2);
    assertTrue(stats.matches("3 tokens \\| 40\\.0 tok/s \\| TTFT 13 ms \\| \\d+\\.\\d+ J, \\d\\.\\d{3} J/token, "
        + "4\\.5 W avg \\(hwmon " + PowerFixtures.SENSOR + "\\)"), stats);
    MessageMetrics stored = StoredData.thread(data, StoredData.conversations(data).get(0)).get(1).metrics();
    assertEquals(4.5, stored.averageWatts(), 1e-6, "a constant sensor: its reading is the average");
    assertTrue(stored.energyJoules() > 4.5 * 0.5 && stored.energyJoules() < 4.5 * 2.0, stored::toString);
    assertEquals("hwmon " + PowerFixtures.SENSOR, stored.powerSource());
  }

  @Test
  void withoutModelTheOnlyModelUnderTheDataDirIsUsed() throws Exception {
    Path only = TestContexts.modelFolder(data.resolve("models/qwen-test"));

    CliRun run = chat(Terminal.piped("hello\n"));

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(only, backend.loadedDir);
    assertEquals("qwen-test", StoredData.thread(data, StoredData.conversations(data).get(0)).get(1).modelId());
  }

  @Test
  void withoutModelAndNoneUnderTheDataDirSaysWhatToPass() {
    CliRun run = chat(Terminal.piped("hello\n"));

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("pass --model DIR|ID"), run::toString);
  }

  @Test
  void databaseOfAnotherProgramIsOneLineAndExitCode1() throws Exception {
    StoredData.foreignDatabase(data);

    CliRun run = chat("hello\n");

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("pith: ") && run.err().contains("another program"), run::toString);
    assertTrue(backend.requests.isEmpty());
  }

  @Test
  void damagedDatabaseIsRepairedAtStartAndSaidOnceOnStderr() throws Exception {
    try (var db = StoredData.open(data)) {
      StoredData.fill(db, 2, 6);
      db.backupNow();
    }
    StoredData.damage(data);

    CliRun run = chat("hello\n");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("restored the backup"), run::toString);
    assertEquals(3, StoredData.conversations(data).size());
  }

  @Test
  void outOfRangeOptionsAreUsageErrors() {
    assertEquals(2, chat(Terminal.none(), "--model", model.toString(), "--max-tokens", "0").exitCode());
    assertEquals(2, chat(Terminal.none(), "--model", model.toString(), "--threads", "-1").exitCode());
    assertEquals(2, chat(Terminal.none(), "--greedy", "--seed", "3").exitCode());
  }
}
