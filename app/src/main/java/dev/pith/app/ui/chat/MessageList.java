package dev.pith.app.ui.chat;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.pith.app.ui.Viewports;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The thread as a scrolling column of {@link MessageView}s. Views are kept while their item is unchanged, so
 * an update (an answer stored, a version switched) rebuilds only what changed. Only the newest
 * {@value #PAGE} messages are built at first ("Show earlier messages" adds more): a long conversation costs
 * no more to stream into than a short one. It sticks to the bottom while the user has not scrolled up.
 */
final class MessageList extends ScrollPane {
  static final int PAGE = 24;

  private final ObservableList<ThreadItem> items;
  private final MessageView.Actions actions;
  private final VBox column = new VBox();
  private final Button earlier = new Button("Show earlier messages");
  private final Map<UUID, MessageView> views = new HashMap<>();
  /** How many of the newest messages are built: a page, one more page per "Show earlier", and every new one. */
  private int shown = PAGE;
  private boolean stickToBottom = true;

  MessageList(ObservableList<ThreadItem> items, MessageView.Actions actions) {
    this.items = items;
    this.actions = actions;
    createView();
    items.addListener((ListChangeListener<ThreadItem>) change -> {
      while (change.next()) {
        if (change.wasAdded() && !change.wasRemoved() && change.getFrom() > 0 && change.getTo() == items.size()) {
          // Messages added at the end (a question, its answer) join those shown instead of pushing the oldest
          // out: taking one out at the top would rebuild the column (every view's CSS again) and move the text
          // the user may be reading.
          shown += change.getAddedSize();
        }
      }
      rebuild();
    });
    rebuild();
  }

  private void createView() {
    getStyleClass().addAll("message-list", Tweaks.EDGE_TO_EDGE);
    Viewports.uncached(this);
    setFitToWidth(true);
    setHbarPolicy(ScrollBarPolicy.NEVER);
    column.getStyleClass().add("message-column");
    column.setFillWidth(true);
    setContent(column);
    earlier.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
    earlier.setOnAction(e -> {
      shown += PAGE;
      stickToBottom = false;
      rebuild();
    });
    VBox.setMargin(earlier, new javafx.geometry.Insets(0, 0, 8, 0));
    column.setAlignment(Pos.TOP_CENTER);
    // Follow the bottom while the user is there; scrolling up (wheel, keys, bar) stops following. Only the
    // user's own scrolling decides: the thread changing size also moves the value, and must not.
    addEventFilter(ScrollEvent.SCROLL, e -> Platform.runLater(this::userScrolled));
    addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::userScrolled));
    addEventFilter(KeyEvent.KEY_RELEASED, e -> Platform.runLater(this::userScrolled));
    column.heightProperty().addListener((o, before, now) -> {
      if (stickToBottom) {
        scrollToBottom();
      }
    });
  }

  /** Brings {@code id}'s message into view and marks it for a moment (a search hit). */
  void reveal(UUID id) {
    MessageView view = views.get(id);
    if (view == null) {
      return;
    }
    stickToBottom = false;
    layout();
    Bounds content = column.getLayoutBounds();
    Bounds at = view.getBoundsInParent();
    double room = content.getHeight() - getViewportBounds().getHeight();
    setVvalue(room <= 0 ? 0 : Math.max(0, Math.min(1, at.getMinY() / room)) * getVmax());
    view.pseudoClassStateChanged(MessageView.FOUND, true);
    PauseTransition fade = new PauseTransition(Duration.seconds(2.5));
    fade.setOnFinished(e -> view.pseudoClassStateChanged(MessageView.FOUND, false));
    fade.play();
  }

  /** The views on screen, oldest first. */
  List<MessageView> views() {
    List<MessageView> out = new ArrayList<>();
    for (Node n : column.getChildren()) {
      if (n instanceof MessageView v) {
        out.add(v);
      }
    }
    return out;
  }

  void showFromStart() {
    shown = PAGE;
    stickToBottom = true;
  }

  private void rebuild() {
    int first = Math.max(0, items.size() - shown);
    List<Node> children = new ArrayList<>(items.size() - first + 1);
    if (first > 0) {
      children.add(earlier);
    }
    Map<UUID, MessageView> kept = new HashMap<>();
    for (ThreadItem item : items.subList(first, items.size())) {
      MessageView view = views.remove(item.id());
      if (view == null) {
        view = settledLiveView(item);
      }
      if (view == null || !view.item().equals(item)) {
        if (view != null) {
          view.dispose();
        }
        view = new MessageView(item, actions);
      }
      kept.put(item.id(), view);
      children.add(view);
    }
    views.values().forEach(MessageView::dispose);
    views.clear();
    views.putAll(kept);
    update(column.getChildren(), children);
    if (items.isEmpty()) {
      shown = PAGE;
      stickToBottom = true;
    }
  }

  private void userScrolled() {
    stickToBottom = getVvalue() >= getVmax() - 0.001;
  }

  /**
   * Makes {@code shown} equal {@code wanted} touching as few nodes as it can: a node taken out and put back
   * has its CSS and layout redone, which for a long thread is a frame lost. Usually nothing changed (an
   * answer settled in its view) or messages were added at the end.
   */
  private static void update(javafx.collections.ObservableList<Node> shown, List<Node> wanted) {
    if (shown.equals(wanted)) {
      return;
    }
    int first = 0; // the first place where they differ
    while (first < shown.size() && first < wanted.size() && shown.get(first) == wanted.get(first)) {
      first++;
    }
    if (wanted.size() == shown.size() && wanted.subList(first + 1, wanted.size())
        .equals(shown.subList(first + 1, shown.size()))) {
      shown.set(first, wanted.get(first)); // one message changed in place (a question stored, a version)
    } else if (first == shown.size()) {
      shown.addAll(wanted.subList(first, wanted.size()));
    } else {
      shown.setAll(wanted);
    }
  }

  /** The live answer's view, turned into {@code item}'s when {@code item} is that answer stored; else null. */
  private MessageView settledLiveView(ThreadItem item) {
    for (Map.Entry<UUID, MessageView> entry : views.entrySet()) {
      if (entry.getValue().canSettleAs(item)) {
        MessageView view = views.remove(entry.getKey());
        view.settle(item);
        return view;
      }
    }
    return null;
  }

  private void scrollToBottom() {
    setVvalue(getVmax());
  }
}
