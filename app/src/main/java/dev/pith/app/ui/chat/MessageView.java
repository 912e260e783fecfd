package dev.pith.app.ui.chat;

import atlantafx.base.theme.Styles;
import dev.pith.app.CloudHint;
import dev.pith.app.cloud.Escalation;
import dev.pith.app.ui.HeightMemo;
import dev.pith.app.ui.ThinkingSplit;
import dev.pith.app.ui.markdown.MarkdownView;
import dev.pith.app.ui.status.MessageStats;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One message of the thread: the question in a bubble, or the answer rendered from Markdown with its
 * Thinking section, a quiet line of what it cost, and its actions (copy, edit or regenerate, read aloud,
 * and ‹ 1/2 › when it has other versions). A live answer follows its text once per pulse. Its user data is
 * the id of the message it shows.
 */
final class MessageView extends VBox {
  static final PseudoClass FOUND = PseudoClass.getPseudoClass("found");

  /** What a message's buttons ask for. */
  interface Actions {
    void copy(String text);

    void edit(ThreadItem item, String text);

    void regenerate(ThreadItem item);

    void showVersion(ThreadItem item, int delta);

    /** Null when Pith cannot speak (no espeak-ng): the button is not shown. */
    Consumer<String> readAloud();

    Consumer<String> linkOpener();

    /** Whether a new answer may start now (no answer is running and a model is ready). */
    boolean canAsk();

    /** The cloud escalation; null when the window offers none (kiosk mode). */
    CloudActions cloud();
  }

  static final String ASK_CLOUD = "Ask the cloud";
  static final PseudoClass HINTED = PseudoClass.getPseudoClass("hinted");

  private ThreadItem item;
  private final Actions actions;
  private final VBox body = new VBox();
  private final Label statusLine = new Label();
  private MarkdownView markdown;
  private TitledPane thinkingPane;
  private Label thinkingText;
  private boolean thinkingCollapsedOnce;
  private String text;
  private ChangeListener<String> liveListener;
  /** How often a live answer is rendered again, at most. */
  static final long RENDER_MILLIS = 50;
  private long lastRenderNanos;
  private PauseTransition pendingRender;
  /** The thread asks every message for its height on each layout pass; only a changed one measures again. */
  private final HeightMemo heights = new HeightMemo();
  /** This answer's cloud hint, held while the view shows it (the cloud model holds it only weakly). */
  private ObservableValue<CloudHint> cloudHint;

  MessageView(ThreadItem item, Actions actions) {
    this.item = item;
    this.actions = actions;
    this.text = item.message().content();
    getStyleClass().addAll("message", item.message().role() == Role.USER ? "from-user" : "from-assistant");
    setUserData(item.id());
    createView();
  }

  ThreadItem item() {
    return item;
  }

  /** The message's text as shown (the live text while streaming). */
  String text() {
    return text;
  }

  /**
   * Whether this live answer's view can become {@code stored}'s: the stored answer to the same question.
   * Reusing the view keeps every block already rendered, so the end of a long answer costs no frame.
   */
  boolean canSettleAs(ThreadItem stored) {
    return item.isLive() && !stored.isLive() && stored.message().role() == Role.ASSISTANT
        && java.util.Objects.equals(stored.message().parentId(), item.message().parentId());
  }

  /** Turns this live answer's view into {@code stored}'s (see {@link #canSettleAs}). */
  void settle(ThreadItem stored) {
    dispose();
    item = stored;
    // Not a CSS id: changing one restyles every node of the answer, a frame or more for a long one.
    setUserData(stored.id());
    showAnswer(stored.message().content(), false, true);
    updateStatusLine();
    // Only the bar changes: taking the body out and back would redo its CSS and layout, a frame or more.
    getChildren().set(getChildren().size() - 1, actionBar());
  }

  @Override
  protected double computePrefHeight(double width) {
    return heights.pref(width, super::computePrefHeight);
  }

  @Override
  protected double computeMinHeight(double width) {
    return heights.min(width, super::computeMinHeight);
  }

  @Override
  public void requestLayout() {
    heights.clear();
    super.requestLayout();
  }

  /** Stops following a live answer; call when the view leaves the thread. */
  void dispose() {
    if (pendingRender != null) {
      pendingRender.stop();
      pendingRender = null;
    }
    if (liveListener != null) {
      item.live().textProperty().removeListener(liveListener);
      liveListener = null;
    }
  }

  /** Whether {@code m} is an answer from the cloud (stored or streaming). */
  static boolean fromCloud(Message m) {
    return m.role() == Role.ASSISTANT && Escalation.BACKEND.equals(m.backend());
  }

  private void createView() {
    Message m = item.message();
    body.getStyleClass().add("message-body");
    if (fromCloud(m)) {
      getStyleClass().add("from-cloud");
      Label mark = new Label("Cloud · " + m.modelId(), new FontIcon(Feather.CLOUD));
      mark.getStyleClass().addAll("cloud-mark", Styles.TEXT_SMALL);
      mark.setAccessibleText("Answer from the cloud model " + m.modelId() + ", not from this computer");
      mark.setTooltip(new Tooltip("This answer came from " + m.modelId() + ", not from the model on this computer."));
      VBox.setMargin(mark, new javafx.geometry.Insets(0, 0, 6, 0));
      getChildren().add(mark);
    }
    if (m.role() == Role.USER) {
      Label bubble = new Label(m.content());
      bubble.setWrapText(true);
      bubble.getStyleClass().add("user-bubble");
      bubble.setMinHeight(Region.USE_PREF_SIZE);
      body.getChildren().add(bubble);
      body.setAlignment(Pos.CENTER_RIGHT);
      setAlignment(Pos.CENTER_RIGHT);
    } else {
      markdown = new MarkdownView(actions.linkOpener());
      markdown.getStyleClass().add("answer");
      // A TextFlow's preferred width is its longest unwrapped line: the thread's width decides instead.
      markdown.setMinWidth(0);
      markdown.setPrefWidth(0);
      body.getChildren().add(markdown);
      if (item.isLive()) {
        liveListener = (o, before, now) -> liveTextChanged();
        item.live().textProperty().addListener(liveListener);
        showAnswer(item.live().textProperty().get(), item.live().opensThinking(), false);
      } else {
        showAnswer(m.content(), false, true);
      }
    }
    statusLine.getStyleClass().addAll("message-stats", Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    statusLine.setWrapText(true);
    updateStatusLine();
    getChildren().addAll(body, actionBar());
  }

  /**
   * Shows {@code answer}'s thinking and answer parts. A stored answer whose text has a closing tag but no
   * opening one was written by a model whose prompt opened the thinking part.
   */
  private void showAnswer(String answer, boolean opensThinking, boolean stored) {
    text = answer;
    ThinkingSplit split = stored ? ThinkingSplit.ofFinished(answer) : ThinkingSplit.of(answer, opensThinking);
    if (!split.thinking().isEmpty() || (!split.thinkingDone() && opensThinking)) {
      showThinking(split, stored);
    }
    markdown.setMarkdown(split.answer());
  }

  /**
   * Renders the live text at most every {@value #RENDER_MILLIS} ms: the text arrives once per pulse, and
   * laying out a growing answer (and the thread around it) every pulse costs frames on a Pi. When it ends
   * the view settles as the stored answer, whose whole text it then shows.
   */
  private void liveTextChanged() {
    long now = System.nanoTime();
    long since = (now - lastRenderNanos) / 1_000_000;
    if (since >= RENDER_MILLIS) {
      renderLive(now);
    } else if (pendingRender == null) {
      pendingRender = new PauseTransition(Duration.millis(RENDER_MILLIS - since));
      pendingRender.setOnFinished(e -> renderLive(System.nanoTime()));
      pendingRender.play();
    }
  }

  private void renderLive(long now) {
    pendingRender = null;
    lastRenderNanos = now;
    if (liveListener != null) {
      showAnswer(item.live().textProperty().get(), item.live().opensThinking(), false);
    }
  }

  private void showThinking(ThinkingSplit split, boolean stored) {
    if (thinkingPane == null) {
      thinkingText = new Label();
      thinkingText.setWrapText(true);
      thinkingText.setMinHeight(Region.USE_PREF_SIZE);
      thinkingText.getStyleClass().addAll("thinking-text", Styles.TEXT_MUTED);
      thinkingPane = new TitledPane("Thinking", thinkingText);
      thinkingPane.getStyleClass().addAll("thinking", Styles.DENSE);
      thinkingPane.setExpanded(!stored);
      thinkingPane.setAnimated(false);
      body.getChildren().add(0, thinkingPane);
    }
    thinkingText.setText(split.thinking());
    thinkingPane.setText(split.thinkingDone() ? "Thinking" : "Thinking…");
    if (split.thinkingDone() && !stored && !thinkingCollapsedOnce) {
      thinkingCollapsedOnce = true; // the answer starts: fold the reasoning away once, then the user decides
      thinkingPane.setExpanded(false);
    }
  }

  private void updateStatusLine() {
    Message m = item.message();
    String line;
    if (item.isLive()) {
      line = "";
    } else if (m.role() == Role.USER) {
      line = "";
    } else if (m.status() == MessageStatus.ERROR) {
      line = "The answer failed: " + (m.error() == null ? "unknown error" : m.error());
      statusLine.getStyleClass().add(Styles.DANGER);
    } else {
      line = MessageStats.line(m.metrics(), m.backend(), m.status());
      String details = MessageStats.details(m.metrics(), m.backend());
      if (!details.isEmpty()) {
        statusLine.setTooltip(new Tooltip(details));
        statusLine.setAccessibleText(line + ". " + details.replace('\n', ' '));
      }
    }
    statusLine.setText(line);
    statusLine.setManaged(!line.isEmpty());
    statusLine.setVisible(!line.isEmpty());
  }

  private HBox actionBar() {
    HBox bar = new HBox(2);
    bar.getStyleClass().add("message-actions");
    bar.setAlignment(item.message().role() == Role.USER ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
    if (item.message().role() == Role.ASSISTANT) {
      bar.getChildren().add(statusLine);
      HBox.setHgrow(statusLine, Priority.SOMETIMES);
    }
    if (item.versions().size() > 1) {
      bar.getChildren().add(versionSwitcher());
    }
    if (item.isLive()) {
      return bar;
    }
    bar.getChildren().add(iconButton(Feather.COPY, "Copy message", () -> actions.copy(text)));
    if (item.message().role() == Role.USER) {
      bar.getChildren().add(iconButton(Feather.EDIT_2, "Edit question", this::startEdit));
    } else {
      boolean cloud = fromCloud(item.message());
      if (!cloud) {
        // a cloud answer is regenerated by asking the cloud again, from the local answer above it
        bar.getChildren().add(iconButton(Feather.REFRESH_CW, "Regenerate answer", () -> actions.regenerate(item)));
      }
      if (actions.readAloud() != null) {
        bar.getChildren().add(iconButton(Feather.VOLUME_2, "Read aloud",
            () -> actions.readAloud().accept(readableText())));
      }
      if (!cloud && actions.cloud() != null && item.message().status() != MessageStatus.ERROR
          && !text.isBlank()) {
        bar.getChildren().add(askCloudButton(actions.cloud()));
      }
    }
    return bar;
  }

  /**
   * "Ask the cloud": shown only while the cloud may be asked; with a hint (an unsure answer, a conversation cut by
   * the context window) it says so in words beside the icon, in the accent colour, and gives the reason.
   */
  private Button askCloudButton(CloudActions cloud) {
    Button ask = iconButton(Feather.CLOUD, ASK_CLOUD, () -> cloud.ask(item));
    ask.getStyleClass().add("ask-cloud");
    ask.visibleProperty().bind(cloud.available());
    ask.managedProperty().bind(cloud.available());
    cloudHint = cloud.hint(item.message());
    Runnable show = () -> {
      CloudHint hint = cloudHint.getValue();
      boolean hinted = hint != null;
      ask.pseudoClassStateChanged(HINTED, hinted);
      ask.setText(hinted ? ASK_CLOUD : null);
      ask.getStyleClass().remove(Styles.BUTTON_ICON);
      if (!hinted) {
        ask.getStyleClass().add(Styles.BUTTON_ICON);
      }
      String tip = hinted ? ASK_CLOUD + ": " + hint.reason() : ASK_CLOUD + " (shows what would be sent first)";
      ask.setTooltip(new Tooltip(tip));
      ask.setAccessibleText(hinted ? ASK_CLOUD + ". " + hint.reason() : ASK_CLOUD);
    };
    show.run();
    cloudHint.addListener((o, before, now) -> show.run());
    return ask;
  }

  private String readableText() {
    ThinkingSplit split = ThinkingSplit.ofFinished(text);
    return dev.pith.app.ui.markdown.PlainText.of(split.answer());
  }

  private HBox versionSwitcher() {
    Button previous = iconButton(Feather.CHEVRON_LEFT, "Previous version", () -> actions.showVersion(item, -1));
    Button next = iconButton(Feather.CHEVRON_RIGHT, "Next version", () -> actions.showVersion(item, 1));
    Label where = new Label(item.version() + " / " + item.versions().size());
    where.getStyleClass().addAll("version-label", Styles.TEXT_SMALL);
    where.setAccessibleText("Version " + item.version() + " of " + item.versions().size());
    previous.setDisable(item.version() <= 1 || item.isLive());
    next.setDisable(item.version() >= item.versions().size() || item.isLive());
    HBox box = new HBox(0, previous, where, next);
    box.setAlignment(Pos.CENTER);
    box.getStyleClass().add("version-switcher");
    return box;
  }

  private void startEdit() {
    if (!actions.canAsk()) {
      return;
    }
    TextArea editor = new TextArea(item.message().content());
    editor.setWrapText(true);
    editor.setPrefRowCount(Math.min(8, Math.max(2, (int) item.message().content().lines().count())));
    editor.getStyleClass().add("edit-area");
    editor.setAccessibleText("Edit your question");
    Button send = new Button("Send", new FontIcon(Feather.SEND));
    send.getStyleClass().add(Styles.ACCENT);
    send.setAccessibleText("Send the edited question");
    Button cancel = new Button("Cancel");
    cancel.setAccessibleText("Cancel editing");
    Runnable close = () -> {
      getChildren().setAll(body, actionBar());
    };
    send.setOnAction(e -> {
      String edited = editor.getText();
      close.run();
      actions.edit(item, edited);
    });
    cancel.setOnAction(e -> close.run());
    editor.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
        e.consume();
        send.fire();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        e.consume();
        cancel.fire();
      }
    });
    HBox buttons = new HBox(8, cancel, send);
    buttons.setAlignment(Pos.CENTER_RIGHT);
    VBox editing = new VBox(6, editor, buttons);
    editing.getStyleClass().add("message-editor");
    getChildren().setAll(editing);
    editor.requestFocus();
    editor.end();
  }

  static Button iconButton(Feather icon, String text, Runnable action) {
    Button b = new Button(null, new FontIcon(icon));
    b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL, "message-action");
    b.setAccessibleText(text);
    b.setTooltip(new Tooltip(text));
    b.setOnAction(e -> action.run());
    return b;
  }
}
