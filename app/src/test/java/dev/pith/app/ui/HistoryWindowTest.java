package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.ui.chat.ThreadItem;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SettingsDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
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

/** The window over stored conversations: searching, opening, deleting with undo, and coming back. */
@ExtendWith(ApplicationExtension.class)
class HistoryWindowTest {
  @TempDir static Path sharedDir;
  private WindowHarness harness;
  private Stage stage;
  private UUID lighthouse;
  private UUID bread;
  private UUID lighthouseAnswer;

  @Start
  void start(Stage primary) throws Exception {
    stage = new Stage();
    harness = new WindowHarness(Files.createTempDirectory(sharedDir, "data"), Optional.empty(), WindowHarness.EXACT);
    seed();
    harness.show(stage);
  }

  @AfterEach
  void closeWindow() throws Exception {
    harness.close();
  }

  private void seed() {
    Instant now = Instant.now();
    lighthouse = UUID.randomUUID();
    bread = UUID.randomUUID();
    harness.db.writeAndWait("seed", c -> {
      Instant old = now.minus(Duration.ofDays(30));
      new ConversationDao(c).insert(new Conversation(lighthouse, "Coastal history", old, old, false, false));
      Message q = Message.written(lighthouse, null, Role.USER, "Who kept the old lights?", old);
      Message a = Message.written(lighthouse, q.id(), Role.ASSISTANT,
          "The **lighthouse keeper** lived in the cottage below the tower.", old);
      Message q2 = Message.written(lighthouse, a.id(), Role.USER, "And after 1950?", old);
      new MessageDao(c).insert(q);
      new MessageDao(c).insert(a);
      new MessageDao(c).insert(q2);
      new ConversationDao(c).touch(lighthouse, old);
      lighthouseAnswer = a.id();
      new ConversationDao(c).insert(new Conversation(bread, "Bread for a cold kitchen", now, now, false, false));
      new MessageDao(c).insert(Message.written(bread, null, Role.USER, "How long should dough rise?", now));
      return null;
    });
  }

  private List<ThreadItem> thread() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> List.copyOf(harness.window.controller().thread())).get();
  }

  private String chatTitle(FxRobot robot) {
    return ((Label) stage.getScene().lookup("#chat-title")).getText();
  }

  /** A sidebar row as read in one visit to the FX thread: its list, its item and the words marked in it. */
  private record Row(ListView<?> list, Object item, List<String> marked) {}

  /**
   * The sidebar row showing {@code title} (a conversation or a search hit). It is read in the same visit to the
   * FX thread that finds its cell: by the next visit the list may have given the cell another row.
   */
  private Row cell(FxRobot robot, String title) throws Exception {
    AtomicReference<Row> found = new AtomicReference<>();
    try {
      WindowHarness.waitUntil(() -> {
        findCell(robot, title).ifPresent(c -> found.set(new Row(c.getListView(), c.getItem(),
            c.getGraphic().lookupAll(".mark").stream().map(n -> ((javafx.scene.text.Text) n).getText()).toList())));
        return found.get() != null;
      }, 10);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no sidebar cell shows " + title + "; the sidebar shows " + WaitForAsyncUtils.asyncFx(
          () -> stage.getScene().getRoot().lookupAll(".sidebar-cell").stream()
              .map(c -> ((ListCell<?>) c).getItem()).toList()).get(), e);
    }
    return found.get();
  }

  /** Opens the conversation titled {@code title} from the sidebar with the keyboard: select it, Enter. */
  private void openRow(FxRobot robot, String title) throws Exception {
    select(robot, cell(robot, title));
    robot.type(KeyCode.ENTER);
  }

  /**
   * Puts the keyboard on {@code row}'s item in its list. The window is brought to the front first: the
   * robot's keys go to the focused window, and TestFX's own stage may have the focus.
   */
  private void select(FxRobot robot, Row row) {
    robot.interact(() -> {
      stage.toFront();
      stage.requestFocus();
      row.list().requestFocus();
      row.list().getSelectionModel().select(row.list().getItems().indexOf(row.item()));
    });
  }

  private Optional<ListCell<?>> findCell(FxRobot robot, String title) {
    return stage.getScene().getRoot().lookupAll(".sidebar-cell").stream()
        .<ListCell<?>>map(c -> (ListCell<?>) c)
        .filter(c -> c.isVisible() && !c.isEmpty() && c.getGraphic() != null)
        .filter(c -> shows(c.getGraphic(), title))
        .findFirst();
  }

  /** Whether {@code graphic} shows {@code title} as a row's title or a hit's. */
  private static boolean shows(Node graphic, String title) {
    for (Node n : graphic.lookupAll(".label")) {
      if (n instanceof Label l && l.getText().equals(title)
          && (l.getStyleClass().contains("title") || l.getStyleClass().contains("hit-title"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void searchFindsAnOldMessageAndOpensTheConversationThere(FxRobot robot) throws Exception {
    robot.interact(() -> {
      stage.toFront();
      stage.requestFocus();
    });
    robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
    TextField search = robot.lookup(".search-field").queryAs(TextField.class);
    assertTrue(search.isFocused(), "Ctrl+F puts the keyboard in the search box");
    robot.interact(() -> search.setText("lighthouse"));
    Row hit = cell(robot, "Coastal history");
    List<String> marked = hit.marked();
    assertTrue(marked.stream().anyMatch(t -> t.equalsIgnoreCase("lighthouse")), marked.toString());

    select(robot, hit);
    robot.type(KeyCode.ENTER);
    WindowHarness.waitUntil(() -> "Coastal history".equals(chatTitle(robot)), 10);
    List<ThreadItem> items = thread();
    assertEquals(3, items.size());
    assertEquals(lighthouseAnswer, items.get(1).id());
    assertEquals(lighthouseAnswer, WaitForAsyncUtils.asyncFx(() -> harness.window.controller().focusProperty().get())
        .get(), "the window brings the found message into view");
    assertTrue(WaitForAsyncUtils.asyncFx(() -> stage.getScene().getRoot().lookupAll(".message").stream()
        .anyMatch(view -> lighthouseAnswer.equals(view.getUserData()))).get(), "its view is built");
  }

  @Test
  void deleteHidesTheConversationAndUndoBringsItBack(FxRobot robot) throws Exception {
    openRow(robot, "Bread for a cold kitchen");
    WindowHarness.waitUntil(() -> "Bread for a cold kitchen".equals(chatTitle(robot)), 10);
    select(robot, cell(robot, "Bread for a cold kitchen"));
    robot.type(KeyCode.DELETE);
    WindowHarness.waitUntil(() -> findCell(robot, "Bread for a cold kitchen").isEmpty(), 10);
    assertEquals("New chat", chatTitle(robot), "the open conversation closes when it is deleted");
    Node toast = robot.lookup("#undo-toast").query();
    assertTrue(toast.isVisible());
    assertTrue(robot.lookup("#undo-toast .label").queryAs(Label.class).getText().contains("Bread for a cold kitchen"));
    assertTrue(harness.db.read(c -> new ConversationDao(c).find(bread)).isPresent(), "not deleted while Undo shows");

    Button undo = robot.lookup("#undo-toast .button").queryButton();
    robot.interact(undo::fire);
    cell(robot, "Bread for a cold kitchen");
    assertFalse(toast.isVisible());

    openRow(robot, "Bread for a cold kitchen");
    WindowHarness.waitUntil(() -> "Bread for a cold kitchen".equals(chatTitle(robot)), 10);
    select(robot, cell(robot, "Bread for a cold kitchen"));
    robot.type(KeyCode.DELETE);
    WindowHarness.waitUntil(() -> findCell(robot, "Bread for a cold kitchen").isEmpty(), 10);
    WaitForAsyncUtils.asyncFx(() -> harness.window.close()).get(30, TimeUnit.SECONDS);
    WindowHarness.waitUntil(() -> harness.db.read(c -> new ConversationDao(c).find(bread)).isEmpty(), 10);
    assertTrue(harness.db.read(c -> new MessageDao(c).inConversation(bread)).isEmpty());
    assertTrue(harness.db.read(c -> new ConversationDao(c).find(lighthouse)).isPresent());
  }

  @Test
  void closingAndReopeningRestoresTheConversationAndTheWindow(FxRobot robot) throws Exception {
    openRow(robot, "Coastal history");
    WindowHarness.waitUntil(() -> "Coastal history".equals(chatTitle(robot)), 10);
    robot.interact(() -> {
      stage.setWidth(900);
      stage.setHeight(600);
    });
    WaitForAsyncUtils.asyncFx(() -> harness.window.close()).get(30, TimeUnit.SECONDS);
    // The window saves its state on the database's writer thread as it closes; Pith's exit waits for it by
    // closing the database. Here the same database goes on, so wait for the write.
    WindowHarness.waitUntil(() -> harness.db.read(c -> new SettingsDao(c).get(UiSettings.WINDOW))
        .map(json -> json.contains(lighthouse.toString())).orElse(false), 10);
    WaitForAsyncUtils.asyncFx(() -> {
      stage.setWidth(1300);
      stage.setHeight(700);
      harness.show(stage);
    }).get(30, TimeUnit.SECONDS);
    WindowHarness.waitUntil(() -> "Coastal history".equals(chatTitle(robot)), 10);
    assertEquals(900, stage.getWidth(), 1);
    assertEquals(600, stage.getHeight(), 1);
    WindowHarness.waitUntil(() -> thread().size() == 3, 10);
    cell(robot, "Bread for a cold kitchen");
  }
}
