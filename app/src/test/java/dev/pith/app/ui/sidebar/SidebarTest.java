package dev.pith.app.ui.sidebar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Role;
import dev.pith.storage.model.SearchHit;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.PickResult;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The sidebar in a real (headless) window, driven by mouse and keyboard, talking to a recording window. */
@ExtendWith(ApplicationExtension.class)
class SidebarTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2026-03-10T11:00:00Z"); // 12:00 in Berlin
  private static final String M = Sidebar.MARK_OPEN;
  private static final String N = Sidebar.MARK_CLOSE;

  private final Conversation pinned = conversation("Pi fan curve", "2026-02-01T10:00:00Z", true);
  private final Conversation rust = conversation("Rust lifetimes", "2026-03-10T10:30:00Z", false);
  private final Conversation untitled = conversation("", "2026-03-10T09:00:00Z", false);
  private final Conversation lisbon = conversation("Lisbon trip", "2026-03-09T08:00:00Z", false);
  private final Conversation taxes = conversation("Tax checklist", "2025-12-01T08:00:00Z", false);
  private RecordingActions actions;
  private Sidebar sidebar;
  private SidebarHandle handle;

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    actions = new RecordingActions();
    sidebar = new Sidebar(actions, Clock.fixed(NOW, ZoneId.of("UTC")), ZONE);
    sidebar.setConversations(List.of(taxes, lisbon, pinned, untitled, rust));
    BorderPane window = new BorderPane(new Label("chat"));
    window.setLeft(sidebar);
    stage.setScene(new Scene(window, 640, 480));
    stage.show();
  }

  @BeforeEach
  void handle(FxRobot robot) {
    handle = new SidebarHandle(robot, sidebar);
  }

  @AfterAll
  static void defaultTheme() {
    Application.setUserAgentStylesheet(null);
  }

  @Test
  void conversationsAppearUnderHeadersForTheGroupsThatHaveAny(FxRobot robot) {
    assertEquals(List.of("Pinned", "Pi fan curve", "Today", "Rust lifetimes", "New chat", "Yesterday", "Lisbon trip",
        "Older", "Tax checklist"), handle.shownLines());

    Conversation unpinned = new Conversation(pinned.id(), pinned.title(), pinned.created(), pinned.updated(), false,
        false);
    robot.interact(() -> sidebar.setConversations(List.of(rust, unpinned, taxes)));

    assertEquals(List.of("Today", "Rust lifetimes", "Older", "Pi fan curve", "Tax checklist"), handle.shownLines());
    assertEquals(List.of(), actions.calls);
  }

  @Test
  void aClickOpensARowAndAClickOnAHeaderDoesNothing(FxRobot robot) {
    robot.clickOn(handle.cell("Lisbon trip"));
    assertEquals(List.of("open " + lisbon.id()), actions.calls);

    robot.clickOn(handle.header("Older"));
    assertEquals(List.of("open " + lisbon.id()), actions.calls);
    assertEquals(new SidebarItem.Row(lisbon), selectedItem());
  }

  @Test
  void theKeyboardSkipsHeadersAndEnterOpens(FxRobot robot) {
    robot.interact(sidebar::focusSearch);
    robot.type(KeyCode.DOWN);
    assertInstanceOf(ListView.class, handle.focusOwner());
    assertEquals(new SidebarItem.Row(pinned), selectedItem());

    robot.type(KeyCode.DOWN);
    assertEquals(new SidebarItem.Row(rust), selectedItem(), "Down steps over the Today header");
    robot.type(KeyCode.DOWN, 2);
    assertEquals(new SidebarItem.Row(lisbon), selectedItem());
    robot.type(KeyCode.END);
    assertEquals(new SidebarItem.Row(taxes), selectedItem());
    robot.type(KeyCode.UP);
    assertEquals(new SidebarItem.Row(lisbon), selectedItem(), "Up steps over the Older header");
    robot.type(KeyCode.UP);
    assertEquals(new SidebarItem.Row(untitled), selectedItem());
    assertEquals(List.of(), actions.calls, "moving opens nothing");

    robot.type(KeyCode.ENTER);
    assertEquals(List.of("open " + untitled.id()), actions.calls);
    robot.type(KeyCode.HOME, KeyCode.UP);
    assertEquals(new SidebarItem.Row(pinned), selectedItem(), "nothing above the first row but a header");
  }

  @Test
  void selectMarksTheOpenConversationWithoutOpeningIt(FxRobot robot) {
    robot.interact(() -> sidebar.select(lisbon.id()));
    assertTrue(handle.has(handle.cell("Lisbon trip"), "open"));
    assertFalse(handle.has(handle.cell("Rust lifetimes"), "open"));
    assertEquals(new SidebarItem.Row(lisbon), selectedItem());

    robot.interact(() -> sidebar.select(null));
    assertFalse(handle.has(handle.cell("Lisbon trip"), "open"));
    assertEquals(List.of(), actions.calls);
  }

  @Test
  void f2RenamesInPlaceAndEnterCommitsTheTrimmedTitle(FxRobot robot) {
    focusListOn(robot, lisbon);
    robot.type(KeyCode.F2);
    TextField field = assertInstanceOf(TextField.class, handle.focusOwner());
    assertEquals("Lisbon trip", field.getText());
    assertTrue(handle.shownLines().contains("<rename: Lisbon trip>"));

    robot.write("  Porto trip ");
    robot.type(KeyCode.ENTER);

    assertEquals(List.of("rename " + lisbon.id() + " Porto trip"), actions.calls);
    assertInstanceOf(ListView.class, handle.focusOwner(), "focus goes back to the list");
    assertTrue(robot.lookup(SidebarHandle.RENAME_FIELD).queryAll().stream().noneMatch(n -> n.getScene() != null
        && n.isVisible() && n.getParent().isVisible()), "the field is gone");
  }

  @Test
  void escCancelsARenameAndABlankTitleChangesNothing(FxRobot robot) {
    focusListOn(robot, lisbon);
    robot.type(KeyCode.F2);
    robot.write("Somewhere else");
    robot.type(KeyCode.ESCAPE);
    assertTrue(handle.shownLines().contains("Lisbon trip"));
    assertInstanceOf(ListView.class, handle.focusOwner());

    robot.type(KeyCode.F2);
    robot.type(KeyCode.BACK_SPACE);
    robot.type(KeyCode.ENTER);
    assertEquals(List.of(), actions.calls);
    assertTrue(handle.shownLines().contains("Lisbon trip"));
  }

  @Test
  void theWindowCanStartARenameToo(FxRobot robot) {
    robot.interact(() -> sidebar.startRename(untitled.id()));
    TextField field = assertInstanceOf(TextField.class, handle.focusOwner());
    assertEquals("", field.getText(), "an untitled chat starts empty, not with the placeholder name");

    robot.write("Running pace");
    robot.type(KeyCode.ENTER);
    assertEquals(List.of("rename " + untitled.id() + " Running pace"), actions.calls);
  }

  @Test
  void theDeleteKeyDeletesTheSelectedRowAndTheNextOneTakesItsPlace(FxRobot robot) {
    focusListOn(robot, rust);
    robot.type(KeyCode.DELETE);
    assertEquals(List.of("delete " + rust.id()), actions.calls);

    robot.interact(() -> sidebar.setConversations(List.of(taxes, lisbon, pinned, untitled))); // the window's answer
    assertEquals(new SidebarItem.Row(untitled), selectedItem());
    robot.interact(() -> sidebar.setConversations(List.of(taxes, lisbon, pinned)));
    assertEquals(new SidebarItem.Row(lisbon), selectedItem(), "the next row, whichever group it is in");
    robot.interact(() -> sidebar.setConversations(List.of(lisbon, pinned)));
    assertEquals(new SidebarItem.Row(lisbon), selectedItem(), "the last row stays selected when another goes");
    robot.interact(() -> sidebar.setConversations(List.of(pinned)));
    assertEquals(new SidebarItem.Row(pinned), selectedItem(), "nothing below: the row above");
  }

  @Test
  void thousandsOfConversationsMakeOnlyAScreenfulOfCells(FxRobot robot) {
    List<Conversation> many = IntStream.range(0, 5000)
        .mapToObj(i -> conversation("Chat " + i, NOW.minus(Duration.ofHours(i)).toString(), i % 1000 == 0))
        .collect(Collectors.toList());
    robot.interact(() -> sidebar.setConversations(many));

    int cells = robot.lookup(SidebarHandle.LIST + " .list-cell").queryAll().size();
    assertTrue(cells < 60, cells + " cells for " + many.size() + " conversations");
    robot.interact(() -> sidebar.select(many.get(4321).id()));
    assertTrue(handle.shownLines().contains("Chat 4321"), "select scrolls the open one into view");
    assertTrue(handle.has(handle.cell("Chat 4321"), "open"));
  }

  @Test
  void theContextMenuPinsAndUnpins(FxRobot robot) {
    requestContextMenu(robot, handle.cell("Lisbon trip"));
    robot.clickOn("Pin");
    assertEquals(List.of("setPinned " + lisbon.id() + " true"), actions.calls);

    requestContextMenu(robot, handle.cell("Pi fan curve"));
    robot.clickOn("Unpin");
    assertEquals(List.of("setPinned " + lisbon.id() + " true", "setPinned " + pinned.id() + " false"), actions.calls);
  }

  @Test
  void theMenuKeyAndShiftF10OpenTheRowMenuOnRename(FxRobot robot) {
    focusListOn(robot, rust);
    robot.press(KeyCode.SHIFT).type(KeyCode.F10).release(KeyCode.SHIFT);
    robot.type(KeyCode.DOWN); // the menu opens on its first item, Rename
    robot.type(KeyCode.ENTER);
    assertEquals(List.of("setPinned " + rust.id() + " true"), actions.calls);

    robot.type(KeyCode.CONTEXT_MENU);
    robot.type(KeyCode.ENTER);
    assertInstanceOf(TextField.class, handle.focusOwner(), "Rename from the menu key");
  }

  @Test
  void aSearchShowsItsHitsWithTheMatchedWordsInBoldAndChoosingOneOpensTheMessage(FxRobot robot) {
    SearchHit fan = hit(pinned, "…set the " + M + "fan" + N + " to 40% " + M + "speed" + N + " below 50 °C");
    SearchHit pace = hit(untitled, "a good running " + M + "speed" + N + "\nfor a beginner");
    search(robot, "fan speed");
    handle.waitUntil("one search", () -> actions.searches.size() == 1);
    assertEquals("fan speed", actions.searches.get(0).text());
    assertEquals("Searching…", handle.placeholder());

    actions.searches.get(0).answer().complete(List.of(fan, pace));
    handle.waitUntil("hits shown", () -> handle.shownLines().size() == 2);

    assertEquals("…set the [fan] to 40% [speed] below 50 °C", handle.snippet("Pi fan curve"));
    assertEquals("a good running [speed] for a beginner", handle.snippet("New chat"));
    // Choosing the second hit by keyboard: in the full suite, after the window tests, TestFX's headless click on
    // a hit cell is sometimes not delivered; clicks on cells are covered by aClickOpensARowAndAClickOnAHeaderDoesNothing.
    robot.type(KeyCode.DOWN, KeyCode.DOWN, KeyCode.ENTER);
    assertEquals(List.of("search fan speed", "openMessage " + untitled.id() + " " + pace.messageId()), actions.calls);
  }

  @Test
  void downFromTheSearchFieldThenEnterOpensTheFirstHit(FxRobot robot) {
    SearchHit fan = hit(pinned, M + "fan" + N + " curve");
    search(robot, "fan");
    handle.waitUntil("one search", () -> actions.searches.size() == 1);
    actions.searches.get(0).answer().complete(List.of(fan, hit(rust, "a " + M + "fan" + N + " of Rust")));
    handle.waitUntil("hits shown", () -> handle.shownLines().size() == 2);

    robot.type(KeyCode.DOWN, KeyCode.ENTER);
    assertEquals(List.of("search fan", "openMessage " + pinned.id() + " " + fan.messageId()), actions.calls);
  }

  @Test
  void typingSearchesOnceWhenItPauses(FxRobot robot) {
    robot.interact(() -> {
      handle.searchField().setText("f");
      handle.searchField().setText("fa");
      handle.searchField().setText("fan");
    });
    handle.waitUntil("a search", () -> !actions.searches.isEmpty());
    WaitForAsyncUtils.sleep(2 * (long) Sidebar.SEARCH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    assertEquals(List.of("search fan"), actions.calls);
  }

  @Test
  void anAnswerToAnOlderSearchArrivingLateIsDropped(FxRobot robot) {
    search(robot, "ca");
    handle.waitUntil("first search", () -> actions.searches.size() == 1);
    search(robot, "cat");
    handle.waitUntil("second search", () -> actions.searches.size() == 2);

    actions.searches.get(1).answer().complete(List.of(hit(rust, M + "cat" + N + " food")));
    handle.waitUntil("new hits", () -> handle.shownLines().equals(List.of("Rust lifetimes: cat food")));
    actions.searches.get(0).answer().complete(List.of(hit(lisbon, M + "ca" + N + "r rental")));
    actions.searches.get(0).answer().completeExceptionally(new IOException("late failure"));
    WaitForAsyncUtils.waitForFxEvents();

    assertEquals(List.of("Rust lifetimes: cat food"), handle.shownLines());
  }

  @Test
  void aFailedSearchSaysWhyAndAnEmptyOneSaysNothingMatches(FxRobot robot) {
    search(robot, "zebra");
    handle.waitUntil("a search", () -> actions.searches.size() == 1);
    actions.searches.get(0).answer().completeExceptionally(new IOException("the index is\ncorrupt"));
    handle.waitUntil("failure shown", () -> "Search failed: the index is corrupt".equals(handle.placeholder()));

    search(robot, "zebras");
    handle.waitUntil("a second search", () -> actions.searches.size() == 2);
    actions.searches.get(1).answer().complete(List.of());
    handle.waitUntil("no match shown", () -> "No messages match".equals(handle.placeholder()));
  }

  @Test
  void escClearsTheSearchAndBringsTheConversationsBack(FxRobot robot) {
    search(robot, "fan");
    handle.waitUntil("a search", () -> actions.searches.size() == 1);
    robot.type(KeyCode.ESCAPE);

    assertEquals("", handle.searchField().getText());
    actions.searches.get(0).answer().complete(List.of(hit(pinned, M + "fan" + N)));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(9, handle.shownLines().size(), "an answer after clearing is dropped: " + handle.shownLines());
    assertNull(handle.placeholder());
  }

  @Test
  void theNewChatButtonAsksForANewChat(FxRobot robot) {
    robot.clickOn(".new-chat");
    assertEquals(List.of("newChat"), actions.calls);
  }

  private void search(FxRobot robot, String text) {
    robot.interact(() -> {
      sidebar.focusSearch();
      handle.searchField().setText(text);
    });
  }

  /**
   * What a right click makes the platform send. Monocle, unlike the desktop platforms, sends no context-menu event for
   * a right click, so the test sends it, at the cell's centre, as the platform would.
   */
  private static void requestContextMenu(FxRobot robot, Node target) {
    robot.interact(() -> {
      Bounds screen = target.localToScreen(target.getBoundsInLocal());
      double x = screen.getCenterX();
      double y = screen.getCenterY();
      Point2D local = target.screenToLocal(x, y);
      target.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(), x, y,
          false, new PickResult(target, x, y)));
    });
  }

  private void focusListOn(FxRobot robot, Conversation conversation) {
    robot.interact(() -> {
      sidebar.select(conversation.id());
      handle.list().requestFocus();
    });
  }

  private SidebarItem selectedItem() {
    return SidebarHandle.fx(() -> (SidebarItem) handle.list().getSelectionModel().getSelectedItem());
  }

  private static SearchHit hit(Conversation conversation, String snippet) {
    return new SearchHit(conversation.id(), conversation.title(), UUID.randomUUID(), Role.ASSISTANT, snippet, NOW);
  }

  private static Conversation conversation(String title, String updated, boolean pinned) {
    Instant at = Instant.parse(updated);
    return new Conversation(UUID.randomUUID(), title, at.minusSeconds(300), at, pinned, false);
  }
}
