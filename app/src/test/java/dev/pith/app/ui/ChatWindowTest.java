package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.ui.chat.ThreadItem;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chat window with the tiny model: asking, streaming, stopping, regenerating and editing. */
@ExtendWith(ApplicationExtension.class)
class ChatWindowTest {
  @TempDir static Path sharedDir;
  private WindowHarness harness;

  @Start
  void start(Stage primary) throws Exception {
    harness = WindowHarness.slow(java.nio.file.Files.createTempDirectory(sharedDir, "data"), 4);
    harness.show(new Stage());
  }

  @AfterEach
  void closeWindow() throws Exception {
    harness.close();
  }

  /**
   * Types a question and presses Enter. The text is put in the field directly: TestFX's robot types about
   * two characters a second under headless Monocle, and typing is not what these tests are about.
   */
  private void ask(FxRobot robot, String question) throws Exception {
    harness.waitForModel();
    TextArea input = robot.lookup("#question-input").queryAs(TextArea.class);
    robot.clickOn(input);
    robot.interact(() -> input.setText(question));
    robot.type(KeyCode.ENTER);
  }

  /**
   * Presses the button with this accessible text, as a click does. Under headless Monocle TestFX's clicks
   * land off small buttons inside the scrolling thread, so the press is fired on the FX thread.
   */
  private void press(FxRobot robot, String accessibleText) {
    Button button = robot.lookup(".button").match((Button b) -> accessibleText.equals(b.getAccessibleText()))
        .queryButton();
    robot.interact(button::fire);
  }

  private List<ThreadItem> thread() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> List.copyOf(harness.window.controller().thread())).get();
  }

  private Message stored(ThreadItem item) {
    return harness.db.read(c -> new MessageDao(c).find(item.id())).orElseThrow();
  }

  @Test
  void aQuestionStreamsItsAnswerAndItsStatsAreShownAndStored(FxRobot robot) throws Exception {
    // What the window shows while the answer streams, recorded as it happens (the answer may be over before
    // the robot's key press returns).
    List<String> sendButton = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Integer> liveTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    robot.interact(() -> {
      Button send = robot.lookup("#send-button").queryButton();
      send.accessibleTextProperty().addListener((o, before, now) -> sendButton.add(now));
      harness.window.controller().liveProperty().addListener((o, before, now) -> {
        if (now != null) {
          now.tokensProperty().addListener((p, b, n) -> liveTokens.add(n.intValue()));
        }
      });
    });
    ask(robot, "Hello there");
    harness.waitUntilIdle();
    assertEquals(List.of("Stop", "Send"), sendButton, "while it streams, Send is Stop");
    assertTrue(liveTokens.size() > 1, "the text arrives in several updates: " + liveTokens);

    List<ThreadItem> items = thread();
    assertEquals(2, items.size());
    assertEquals("Hello there", items.get(0).message().content());
    Message answer = stored(items.get(1));
    assertEquals(Role.ASSISTANT, answer.role());
    assertEquals(MessageStatus.COMPLETE, answer.status());
    assertFalse(answer.content().isEmpty());
    assertNotNull(answer.metrics().generatedTokens());
    assertNotNull(answer.metrics().ttftMillis());
    assertNotNull(answer.metrics().decodeTps());
    assertEquals("tiny-genai", answer.modelId());

    Label stats = robot.lookup(".from-assistant .message-stats").queryAs(Label.class);
    assertTrue(stats.getText().contains("tok/s"), stats.getText());
    assertTrue(stats.getText().contains(answer.metrics().generatedTokens() + " tokens"), stats.getText());
    assertEquals("Send", robot.lookup("#send-button").queryButton().getAccessibleText());
    assertEquals("Hello there", robot.lookup("#chat-title").queryAs(Label.class).getText());
  }

  @Test
  void stopKeepsWhatWasSaidAndMarksTheAnswerStopped(FxRobot robot) throws Exception {
    harness.waitForModel();
    harness.slowTo(100); // the robot's key press takes about a second to arrive
    ask(robot, "Tell me everything");
    WindowHarness.waitUntil(() -> harness.window.controller().liveProperty().get() != null
        && harness.window.controller().liveProperty().get().tokensProperty().get() >= 5, 30);
    robot.type(KeyCode.ESCAPE);
    harness.waitUntilIdle();
    Message answer = stored(thread().get(1));
    assertEquals(MessageStatus.CANCELLED, answer.status());
    assertTrue(answer.metrics().generatedTokens() >= 5, answer.metrics().toString());
    Label stats = robot.lookup(".from-assistant .message-stats").queryAs(Label.class);
    assertTrue(stats.getText().toLowerCase(java.util.Locale.ROOT).contains("stopped"), stats.getText());
  }

  @Test
  void regenerateKeepsBothAnswersAndTheSwitcherShowsEach(FxRobot robot) throws Exception {
    ask(robot, "First question");
    harness.waitUntilIdle();
    ThreadItem first = thread().get(1);
    press(robot, "Regenerate answer");
    harness.waitUntilIdle();
    WindowHarness.waitUntil(() -> thread().size() == 2 && thread().get(1).versions().size() == 2, 10);
    ThreadItem second = thread().get(1);
    assertEquals(2, second.version());
    assertEquals(List.of(first.id(), second.id()), second.versions());
    assertEquals("2 / 2", robot.lookup(".version-label").queryAs(Label.class).getText());

    press(robot, "Previous version");
    WindowHarness.waitUntil(() -> thread().get(1).id().equals(first.id()), 10);
    assertEquals("1 / 2", robot.lookup(".version-label").queryAs(Label.class).getText());
    UUID question = thread().get(0).id();
    int answers = harness.db.read(c -> new MessageDao(c).countChildren(first.message().conversationId(), question));
    assertEquals(2, answers);
  }

  @Test
  void editingAQuestionMakesASecondVersionWithItsOwnAnswer(FxRobot robot) throws Exception {
    ask(robot, "Original question");
    harness.waitUntilIdle();
    ThreadItem original = thread().get(0);
    press(robot, "Edit question");
    TextArea editor = robot.lookup(".edit-area").queryAs(TextArea.class);
    assertEquals("Original question", editor.getText());
    robot.interact(() -> editor.setText("Original thing"));
    press(robot, "Send the edited question");
    harness.waitUntilIdle();
    WindowHarness.waitUntil(() -> thread().size() == 2 && thread().get(0).versions().size() == 2, 10);
    List<ThreadItem> items = thread();
    assertEquals("Original thing", items.get(0).message().content());
    assertEquals(List.of(original.id(), items.get(0).id()), items.get(0).versions());
    assertEquals(items.get(0).id(), items.get(1).message().parentId());
    assertEquals(MessageStatus.COMPLETE, stored(items.get(1)).status());
    Set<String> labels = robot.lookup(".version-label").queryAllAs(Label.class).stream().map(Label::getText)
        .collect(Collectors.toSet());
    assertTrue(labels.contains("2 / 2"), labels.toString());
  }

  @Test
  void keyboardShortcutsReachTheActions(FxRobot robot) throws Exception {
    ask(robot, "Something to copy");
    harness.waitUntilIdle();
    String answer = thread().get(1).message().content();
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
    assertEquals(answer, WaitForAsyncUtils.asyncFx(() ->
        javafx.scene.input.Clipboard.getSystemClipboard().getString()).get());

    double before = harness.window.theme().appearance().fontSize();
    robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
    assertEquals(before + 1, harness.window.theme().appearance().fontSize());
    Node root = robot.lookup(".pith-root").query();
    assertTrue(root.getStyle().contains("-fx-font-size: " + (before + 1)), root.getStyle());

    robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
    WindowHarness.waitUntil(() -> thread().isEmpty(), 10);
    assertEquals("New chat", robot.lookup("#chat-title").queryAs(Label.class).getText());
  }
}
