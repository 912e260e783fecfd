package dev.pith.app.ui.chat;

import atlantafx.base.theme.Styles;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The chat side of the window: the conversation's title, a banner for problems, the thread (or the empty
 * state) and the input bar.
 */
public final class ChatPane extends BorderPane {
  public static final String TITLE_ID = "chat-title";
  public static final String BANNER_ID = "problem-banner";

  private final ChatController controller;
  private final Consumer<String> linkOpener;
  private final Consumer<String> readAloud;
  private final Label title = new Label();
  private final HBox header = new HBox(8);
  private final Label bannerText = new Label();
  private final HBox banner = new HBox(8);
  private final EmptyState empty;
  private final MessageList list;
  private final InputBar input;
  /** The cloud escalation; null (the default, and always in kiosk mode) shows no trace of it. */
  private CloudActions cloud;

  /** @param readAloud speaks plain text; null when Pith cannot speak (the buttons are hidden) */
  public ChatPane(ChatController controller, Path modelsDir, Consumer<String> linkOpener, Consumer<String> readAloud) {
    this.controller = controller;
    this.linkOpener = linkOpener;
    this.readAloud = readAloud;
    this.empty = new EmptyState(modelsDir);
    this.list = new MessageList(controller.thread(), new Actions());
    this.input = new InputBar(controller);
    createView();
    initListeners();
  }

  /** Adds controls to the title bar: before the title ({@code leading}) or after it. */
  public void addToHeader(boolean leading, Node... controls) {
    if (leading) {
      header.getChildren().addAll(0, List.of(controls));
    } else {
      header.getChildren().addAll(controls);
    }
  }

  /** Offers "Ask the cloud" under answers through {@code actions}; call before the first thread shows. */
  public void cloud(CloudActions actions) {
    this.cloud = actions;
  }

  /** What the empty state's "Choose a model" button does (the window opens Settings → Models). */
  public void onChooseModel(Runnable action) {
    empty.onChooseModel(action);
  }

  /**
   * Kiosk mode: the empty state has no "Choose a model" (a line for staff instead) and tells visitors {@code note}
   * when the model is ready; the question field invites a question without naming keys.
   */
  public void kiosk(String note) {
    empty.kiosk(note);
    input.kiosk();
    updateEmpty();
  }

  /** Empties the question field (a visitor's unsent words, when the kiosk starts over). */
  public void clearInput() {
    input.input().clear();
  }

  /** Puts the keyboard in the question field. */
  public void focusInput() {
    input.input().requestFocus();
  }

  /** Copies the newest answer on screen (Ctrl+Shift+C); false when there is none. */
  public boolean copyLastAnswer() {
    List<MessageView> views = list.views();
    for (int i = views.size() - 1; i >= 0; i--) {
      MessageView v = views.get(i);
      if (v.item().message().role() == Role.ASSISTANT && !v.text().isEmpty()) {
        copy(v.text());
        return true;
      }
    }
    return false;
  }

  private void createView() {
    getStyleClass().add("chat-pane");
    title.setId(TITLE_ID);
    title.getStyleClass().addAll(Styles.TITLE_4, "chat-title");
    title.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(title, Priority.ALWAYS);
    header.getStyleClass().add("chat-header");
    header.setAlignment(Pos.CENTER_LEFT);
    header.getChildren().add(title);

    banner.setId(BANNER_ID);
    banner.getStyleClass().addAll("problem-banner");
    banner.setAlignment(Pos.CENTER_LEFT);
    bannerText.setWrapText(true);
    bannerText.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(bannerText, Priority.ALWAYS);
    Button dismiss = MessageView.iconButton(Feather.X, "Dismiss", () -> showBanner(""));
    banner.getChildren().addAll(new org.kordamp.ikonli.javafx.FontIcon(Feather.ALERT_CIRCLE), bannerText, dismiss);
    showBanner("");

    StackPane center = new StackPane(list, empty);
    VBox top = new VBox(header, banner);
    setTop(top);
    setCenter(center);
    setBottom(input);
    updateTitle();
    updateEmpty();
  }

  private void initListeners() {
    controller.openProperty().addListener((o, before, now) -> updateTitle());
    controller.thread().addListener((javafx.collections.ListChangeListener<ThreadItem>) c -> updateEmpty());
    controller.modelProperty().addListener((o, before, now) -> updateEmpty());
    controller.problemProperty().addListener((o, before, now) -> showBanner(now));
    controller.focusProperty().addListener((o, before, now) -> {
      if (now != null) {
        javafx.application.Platform.runLater(() -> list.reveal(now));
      }
    });
    controller.openProperty().addListener((o, before, now) -> {
      if (before == null || now == null || !before.id().equals(now.id())) {
        list.showFromStart();
      }
    });
  }

  private void updateTitle() {
    Conversation c = controller.openProperty().get();
    title.setText(c == null ? "New chat" : c.title().isBlank() ? "Untitled chat" : c.title());
  }

  private void updateEmpty() {
    boolean isEmpty = controller.thread().isEmpty();
    empty.show(controller.modelProperty().get());
    empty.setVisible(isEmpty);
    list.setVisible(!isEmpty);
  }

  private void showBanner(String text) {
    bannerText.setText(text);
    banner.setVisible(!text.isEmpty());
    banner.setManaged(!text.isEmpty());
  }

  private static void copy(String text) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }

  private final class Actions implements MessageView.Actions {
    @Override
    public void copy(String text) {
      ChatPane.copy(text);
    }

    @Override
    public void edit(ThreadItem item, String text) {
      controller.edit(item, text);
    }

    @Override
    public void regenerate(ThreadItem item) {
      controller.regenerate(item);
    }

    @Override
    public void showVersion(ThreadItem item, int delta) {
      controller.showVersion(item, delta);
    }

    @Override
    public Consumer<String> readAloud() {
      return readAloud;
    }

    @Override
    public Consumer<String> linkOpener() {
      return linkOpener;
    }

    @Override
    public CloudActions cloud() {
      return cloud;
    }

    @Override
    public boolean canAsk() {
      return !controller.busyProperty().get() && controller.modelProperty().get().isReady();
    }
  }
}
