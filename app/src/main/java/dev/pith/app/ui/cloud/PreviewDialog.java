package dev.pith.app.ui.cloud;

import atlantafx.base.theme.Styles;
import dev.pith.app.cloud.Escalation;
import dev.pith.app.cloud.Preview;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.OneLine;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The preview of "Ask the cloud", laid over the window: how much of the conversation to send, exactly the text that
 * would leave the machine (each message with who says it, every replacement highlighted, its original in its tooltip:
 * it stays here), what was replaced, by kind, how many bytes go to which host, and Cancel / Send. Send is the only
 * way to the network; Esc and Cancel send nothing. Choosing how much to send prepares the preview again on the io
 * thread; Send waits for it. FX thread only.
 */
public final class PreviewDialog extends StackPane {
  public static final String ID = "cloud-preview";
  public static final String TEXT_ID = "cloud-preview-text";
  public static final String COUNTS_ID = "cloud-preview-counts";
  public static final String SIZE_ID = "cloud-preview-size";
  public static final String LEGEND_ID = "cloud-preview-legend";
  public static final String MESSAGE_ID = "cloud-preview-message";
  public static final String SEND_ID = "cloud-preview-send";
  public static final String CANCEL_ID = "cloud-preview-cancel";
  public static final String SCOPE_PREFIX = "cloud-preview-scope-";
  /** The style class of a replacement in the text. */
  public static final String PLACEHOLDER = "cloud-placeholder";
  /** "Last N exchanges": the middle choice. */
  static final int SOME = 3;

  /** What the user chose. */
  interface Choice {
    void send(Preview preview);

    void cancel();
  }

  private final Escalation escalation;
  private final UUID conversationId;
  private final UUID answerId;
  private final Executor io;
  private final Choice choice;
  private final Label intro = new Label("Preparing what would be sent…");
  private final ToggleGroup scope = new ToggleGroup();
  private final Label counts = new Label();
  private final Label size = new Label();
  private final Label legend = new Label();
  private final VBox parts = new VBox(12);
  private final Label message = new Label();
  private final Button send = new Button("Send", new FontIcon(Feather.SEND));
  private final Button cancel = new Button("Cancel");
  /** The preview on screen; null while one is prepared. Send sends this one, unchanged. */
  private Preview preview;
  private long request;

  PreviewDialog(Escalation escalation, UUID conversationId, UUID answerId, int exchanges, Executor io,
      Choice choice) {
    this.escalation = Objects.requireNonNull(escalation, "escalation");
    this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
    this.answerId = Objects.requireNonNull(answerId, "answerId");
    this.io = Objects.requireNonNull(io, "io");
    this.choice = Objects.requireNonNull(choice, "choice");
    createView(exchanges);
  }

  /** The preview on screen; null while it is being prepared (or could not be). */
  public Preview preview() {
    return preview;
  }

  /** Prepares the first preview (this exchange) and puts the keyboard on Cancel. */
  void start() {
    prepare(1);
    cancel.requestFocus();
  }

  private void createView(int exchanges) {
    setId(ID);
    getStyleClass().add("cloud-preview-scrim");
    getStylesheets().add(Objects.requireNonNull(PreviewDialog.class.getResource("cloud.css")).toExternalForm());

    Label title = new Label("Ask the cloud", new FontIcon(Feather.CLOUD));
    title.getStyleClass().addAll(Styles.TITLE_3, "cloud-preview-title");
    intro.setWrapText(true);
    intro.setMinHeight(Region.USE_PREF_SIZE);
    intro.getStyleClass().add(Styles.TEXT_MUTED);

    HBox scopes = new HBox(0);
    scopes.getStyleClass().add("cloud-preview-scopes");
    scopes.setAlignment(Pos.CENTER_LEFT);
    Label sendLabel = new Label("Send:");
    sendLabel.getStyleClass().add("cloud-preview-scope-label");
    scopes.getChildren().add(sendLabel);
    List<Scope> choices = new java.util.ArrayList<>();
    choices.add(new Scope("1", "This exchange", 1));
    if (exchanges > SOME) {
      choices.add(new Scope(String.valueOf(SOME), "Last " + SOME + " exchanges", SOME));
    }
    if (exchanges > 1) {
      choices.add(new Scope("all", "Whole conversation (" + exchanges + " exchanges)", exchanges));
    }
    if (choices.size() == 1) {
      Label only = new Label("this exchange, the whole conversation so far");
      only.setId(SCOPE_PREFIX + "1");
      scopes.getChildren().add(only);
    }
    for (int i = 0; i < choices.size() && choices.size() > 1; i++) {
      Scope s = choices.get(i);
      ToggleButton b = new ToggleButton(s.label());
      b.setId(SCOPE_PREFIX + s.id());
      b.setUserData(s.turns());
      b.setToggleGroup(scope);
      b.setMnemonicParsing(false);
      if (choices.size() > 1) {
        b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == choices.size() - 1 ? Styles.RIGHT_PILL
            : Styles.CENTER_PILL);
      }
      scopes.getChildren().add(b);
    }
    if (!scope.getToggles().isEmpty()) {
      ((ToggleButton) scope.getToggles().get(0)).setSelected(true);
    }
    scope.selectedToggleProperty().addListener((o, before, now) -> {
      if (now == null) {
        before.setSelected(true); // one choice is always made
      } else {
        prepare((Integer) now.getUserData());
      }
    });

    counts.setId(COUNTS_ID);
    counts.setWrapText(true);
    counts.getStyleClass().add("cloud-preview-counts");
    size.setId(SIZE_ID);
    size.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

    legend.setId(LEGEND_ID);
    legend.setWrapText(true);
    legend.setMinHeight(Region.USE_PREF_SIZE);
    legend.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

    parts.setId(TEXT_ID);
    parts.getStyleClass().add("cloud-preview-parts");
    ScrollPane scroller = new ScrollPane(parts);
    scroller.setFitToWidth(true);
    scroller.getStyleClass().add("cloud-preview-scroller");
    VBox.setVgrow(scroller, Priority.ALWAYS);
    // As tall as the text, up to what the window leaves for it.
    scroller.prefViewportHeightProperty().bind(javafx.beans.binding.Bindings.max(120,
        javafx.beans.binding.Bindings.min(parts.heightProperty(), heightProperty().multiply(0.92).subtract(340))));

    message.setId(MESSAGE_ID);
    message.setWrapText(true);
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.getStyleClass().add(Styles.DANGER);
    message.setManaged(false);
    message.setVisible(false);

    send.setId(SEND_ID);
    send.getStyleClass().add(Styles.ACCENT);
    send.setMnemonicParsing(false);
    send.setDisable(true);
    send.setOnAction(e -> {
      if (preview != null) {
        choice.send(preview);
      }
    });
    cancel.setId(CANCEL_ID);
    cancel.setCancelButton(true);
    cancel.setOnAction(e -> choice.cancel());
    Label promise = new Label("Nothing leaves this computer until you press Send.");
    promise.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    promise.setWrapText(true);
    HBox.setHgrow(promise, Priority.ALWAYS);
    promise.setMaxWidth(Double.MAX_VALUE);
    HBox buttons = new HBox(8, promise, cancel, send);
    buttons.setAlignment(Pos.CENTER_RIGHT);

    VBox card = new VBox(10, title, intro, scopes, counts, legend, size, scroller, message,
        buttons);
    card.getStyleClass().add("cloud-preview");
    card.setMaxWidth(780);
    card.setMaxHeight(Region.USE_PREF_SIZE);
    card.setAccessibleText("Ask the cloud: what would be sent");
    getChildren().add(card);
    setAlignment(Pos.CENTER);

    addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE) {
        e.consume();
        choice.cancel();
      }
    });
  }

  private record Scope(String id, String label, int turns) {}

  /** Prepares what {@code turns} exchanges would send, on the io thread; Send waits for it. */
  private void prepare(int turns) {
    long id = ++request;
    preview = null;
    send.setDisable(true);
    showMessage("");
    try {
      CompletableFuture.supplyAsync(() -> escalation.prepare(conversationId, answerId, turns), io)
          .whenCompleteAsync((prepared, failure) -> {
            if (id != request) {
              return; // another choice was made meanwhile
            }
            if (failure != null) {
              Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause() : failure;
              showMessage("Nothing can be sent: " + OneLine.of(String.valueOf(cause.getMessage())));
              return;
            }
            show(prepared);
          }, Platform::runLater);
    } catch (RejectedExecutionException e) {
      showMessage("The window is closing; nothing was sent.");
    }
  }

  private void show(Preview p) {
    preview = p;
    String host = p.endpoint().host();
    intro.setText("This is exactly the text that will be sent to " + host + " for the model " + p.endpoint().model()
        + ". Highlighted parts were replaced on this computer; their originals stay here and are put back into the"
        + " answer when it arrives.");
    counts.setText(PreviewText.counts(p.counts()));
    legend.setText(PreviewText.legend(p));
    legend.setVisible(!legend.getText().isEmpty());
    legend.setManaged(legend.isVisible());
    size.setText(PreviewText.bytes(p.bytes()) + " to " + p.endpoint().chatUrl() + ", over "
        + ("https".equalsIgnoreCase(p.endpoint().chatUrl().getScheme()) ? "an encrypted" : "an unencrypted")
        + " connection");
    parts.getChildren().clear();
    List<Preview.Part> messages = p.messages();
    for (int i = 0; i < messages.size(); i++) {
      Preview.Part part = messages.get(i);
      boolean added = i == messages.size() - 1 && i > 0 && part.role() == ChatMessage.Role.USER
          && messages.get(i - 1).role() == ChatMessage.Role.ASSISTANT;
      parts.getChildren().add(part(part, i == 0 ? "Pith's instruction (the same every time)"
          : added ? "Pith's request" : part.role() == ChatMessage.Role.USER ? "You" : "The answer on this computer"));
    }
    send.setText("Send to " + host);
    send.setDisable(false);
  }

  private static VBox part(Preview.Part part, String who) {
    Label role = new Label(who);
    role.getStyleClass().addAll("cloud-preview-role", Styles.TEXT_SMALL);
    TextFlow flow = new TextFlow();
    flow.getStyleClass().add("cloud-preview-flow");
    String text = part.text();
    int at = 0;
    for (Preview.Highlight h : part.highlights()) {
      if (h.start() > at) {
        flow.getChildren().add(plain(text.substring(at, h.start())));
      }
      Label mark = new Label(text.substring(h.start(), h.end()));
      mark.getStyleClass().addAll(PLACEHOLDER, "cloud-placeholder-" + PreviewText.group(h.type()));
      String says = h.placeholder() + " stands for “" + h.original() + "” (" + PreviewText.noun(h.type(), 1)
          + "), which stays on this computer";
      mark.setTooltip(new Tooltip(says));
      mark.setAccessibleText(says);
      mark.setFocusTraversable(true);
      flow.getChildren().add(mark);
      at = h.end();
    }
    if (at < text.length()) {
      flow.getChildren().add(plain(text.substring(at)));
    }
    VBox box = new VBox(4, role, flow);
    box.getStyleClass().add(part.role() == ChatMessage.Role.SYSTEM ? "cloud-preview-system" : "cloud-preview-part");
    return box;
  }

  private static Text plain(String s) {
    Text t = new Text(s);
    t.getStyleClass().add("cloud-preview-plain");
    return t;
  }

  private void showMessage(String text) {
    message.setText(text);
    message.setVisible(!text.isEmpty());
    message.setManaged(!text.isEmpty());
  }
}
