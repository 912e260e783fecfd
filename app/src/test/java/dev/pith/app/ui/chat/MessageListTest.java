package dev.pith.app.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import dev.pith.app.ui.Viewports;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The thread's column in a real (headless) scene: which views a change keeps, and that a message's height follows
 * its width, its text size and its content although the list remembers heights between layout passes.
 */
@ExtendWith(ApplicationExtension.class)
class MessageListTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final String ANSWER = "A paragraph long enough to wrap at a narrow width, so that its height depends"
      + " on the width it is given.\n\n- a list item\n- another, with `code`\n\n```sh\necho hello\n```\n";

  private final UUID conversation = UUID.randomUUID();
  private final ObservableList<ThreadItem> items = FXCollections.observableArrayList();
  private StackPane root;
  private MessageList list;

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
    root = new StackPane();
    stage.setScene(new Scene(root, 600, 500));
    stage.show();
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
  }

  private void show(int messages) throws Exception {
    fx(() -> {
      items.setAll(conversationOf(messages));
      list = new MessageList(items, new NoActions());
      root.getChildren().setAll(list);
      root.applyCss();
      root.layout();
      return null;
    });
  }

  private List<ThreadItem> conversationOf(int messages) {
    List<ThreadItem> out = new ArrayList<>();
    UUID parent = null;
    for (int i = 0; i < messages; i++) {
      Message m = Message.written(conversation, parent, i % 2 == 0 ? Role.USER : Role.ASSISTANT,
          i % 2 == 0 ? "Question " + i : ANSWER, NOW);
      out.add(ThreadItem.single(m));
      parent = m.id();
    }
    return out;
  }

  private ThreadItem next(String text, Role role) {
    UUID parent = items.isEmpty() ? null : items.get(items.size() - 1).id();
    return ThreadItem.single(Message.written(conversation, parent, role, text, NOW));
  }

  @Test
  void newMessagesJoinTheShownOnesInsteadOfPushingTheOldestOut() throws Exception {
    show(MessageList.PAGE + 10);
    List<MessageView> before = fx(list::views);
    assertEquals(MessageList.PAGE, before.size(), "a long thread starts with one page built");

    fx(() -> items.add(next("One more question", Role.USER)));
    fx(() -> items.add(next("And its answer", Role.ASSISTANT)));

    List<MessageView> after = fx(list::views);
    assertEquals(MessageList.PAGE + 2, after.size());
    for (int i = 0; i < before.size(); i++) {
      assertSame(before.get(i), after.get(i), "view " + i + " was kept, not rebuilt");
    }
    assertEquals("And its answer", after.get(after.size() - 1).text());
  }

  @Test
  void openingAnotherThreadStartsAgainFromOnePage() throws Exception {
    show(MessageList.PAGE + 10);
    fx(() -> items.add(next("One more question", Role.USER)));
    fx(() -> {
      list.showFromStart();
      items.setAll(conversationOf(MessageList.PAGE + 6));
      return null;
    });
    assertEquals(MessageList.PAGE, fx(list::views).size());
  }

  @Test
  void theListAndTheCodeBlocksInItDrawTheirTextDirectlyNotThroughACachedImage() throws Exception {
    show(4);
    ScrollPane plain = fx(() -> {
      ScrollPane other = new ScrollPane(new StackPane());
      root.getChildren().add(other);
      root.applyCss();
      return other;
    });
    assertTrue(fx(() -> Viewports.isCached(plain)), "JavaFX caches a scroll pane's viewport by default");
    assertFalse(fx(() -> Viewports.isCached(list)));
    List<ScrollPane> codeScrolls = fx(() -> root.lookupAll(".md-code-scroll").stream()
        .map(ScrollPane.class::cast).toList());
    assertEquals(2, codeScrolls.size(), "each answer's code block scrolls sideways");
    for (ScrollPane code : codeScrolls) {
      assertFalse(fx(() -> Viewports.isCached(code)));
    }
  }

  @Test
  void aMessagesHeightFollowsItsWidthTextSizeAndContent() throws Exception {
    show(2);
    MessageView answer = fx(() -> list.views().get(1));
    double wide = fx(() -> answer.getHeight());
    fx(() -> {
      list.setMaxWidth(250);
      root.layout();
      return null;
    });
    double narrow = fx(() -> answer.getHeight());
    assertTrue(narrow > wide, "wrapped to a narrower width it is taller: " + wide + " -> " + narrow);

    fx(() -> {
      root.setStyle("-fx-font-size: 24px;");
      root.applyCss();
      root.layout();
      return null;
    });
    double larger = fx(() -> answer.getHeight());
    assertTrue(larger > narrow, "with larger text it is taller: " + narrow + " -> " + larger);

    MessageView question = fx(() -> list.views().get(0));
    double questionHeight = fx(() -> question.getHeight());
    fx(() -> {
      question.lookupAll(".message-action").stream()
          .filter(b -> "Edit question".equals(b.getAccessibleText())).findFirst()
          .map(javafx.scene.control.Button.class::cast).orElseThrow().fire();
      root.applyCss();
      root.layout();
      return null;
    });
    assertTrue(fx(() -> question.getHeight()) > questionHeight, "the editor that replaces the question is taller");
  }

  /** A thread whose buttons do nothing: these tests look at layout, not at what the buttons ask for. */
  private static final class NoActions implements MessageView.Actions {
    @Override
    public void copy(String text) {}

    @Override
    public void edit(ThreadItem item, String text) {}

    @Override
    public void regenerate(ThreadItem item) {}

    @Override
    public void showVersion(ThreadItem item, int delta) {}

    @Override
    public Consumer<String> readAloud() {
      return null;
    }

    @Override
    public Consumer<String> linkOpener() {
      return url -> {};
    }

    @Override
    public boolean canAsk() {
      return true;
    }

    @Override
    public CloudActions cloud() {
      return null;
    }
  }
}
