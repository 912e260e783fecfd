package dev.pith.app.ui.kiosk;

import atlantafx.base.theme.Styles;
import dev.pith.app.kiosk.AdminPins;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskPolicy;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.kiosk.PinAttempts;
import dev.pith.app.ui.chat.ChatController;
import dev.pith.app.ui.chat.ChatPane;
import dev.pith.app.ui.theme.Appearance;
import dev.pith.app.ui.theme.ThemeService;
import dev.pith.storage.model.Conversation;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.event.EventType;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.GestureEvent;
import javafx.scene.input.InputEvent;
import javafx.scene.input.InputMethodEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.WindowEvent;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Kiosk mode on the chat window (DESIGN.md "Kiosk mode"): full screen without decorations, no way out but the admin
 * PIN, a fresh conversation after the idle time, and large touch targets.
 *
 * <ul>
 *   <li>The window's close request (the window manager's close, Alt+F4) is refused, Esc never leaves full screen,
 *       and if something else takes the window out of full screen it goes back.
 *   <li>Staff open the {@link PinOverlay} with Ctrl+Alt+Shift+Q, or on a touch display by holding the Pith name at
 *       the top left for {@link KioskMode#staffHold()} (3 s). The right PIN offers Quit Pith, Open settings and Back.
 *   <li>After {@link KioskMode#idle()} without input and with no answer streaming, the kiosk starts over: the PIN
 *       pad and Settings close, the unsent question and the clipboard are cleared and a new conversation shows. With the wipe policy,
 *       every conversation of that visit is deleted from the database. Quit Pith ends the visit the same way.
 * </ul>
 *
 * The window hides the sidebar, Settings' entries and the theme and text-size controls itself ({@link KioskMode}).
 * FX thread only.
 */
public final class KioskShell {
  public static final String BRAND_ID = "kiosk-brand";
  public static final String NEW_CONVERSATION_ID = "kiosk-new-conversation";
  public static final String STYLE_CLASS = "kiosk";
  /** Text at least this many pixels larger than the appearance's: read from a step back, by a finger's width. */
  static final double FONT_BOOST = 4;
  /**
   * On a large screen the text grows with it, to one pixel per this many pixels of height (24 px on a 1080-pixel
   * screen, the 800×480 layout scaled up) rather than leaving a lobby display mostly empty.
   */
  static final double HEIGHT_PER_FONT_PIXEL = 45;
  private static final KeyCombination STAFF_KEYS = new KeyCodeCombination(KeyCode.Q, KeyCombination.CONTROL_DOWN,
      KeyCombination.ALT_DOWN, KeyCombination.SHIFT_DOWN);
  /** Input that counts as someone using the kiosk. Not MOUSE_ENTERED/EXITED: JavaFX makes those as content moves. */
  private static final List<EventType<? extends InputEvent>> ACTIVITY = List.of(KeyEvent.ANY,
      MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_MOVED, MouseEvent.MOUSE_DRAGGED,
      GestureEvent.ANY, TouchEvent.ANY, InputMethodEvent.ANY);

  /**
   * The window the kiosk runs in.
   *
   * @param stage the window's stage
   * @param frame the scene's root: the kiosk lays the PIN pad over everything in it
   * @param chat the chat pane: title bar, empty state, question field
   * @param controller the chat's model: the open conversation, the answer streaming, deleting a visit
   * @param theme the appearance: the kiosk makes its text larger
   * @param newChat a new, empty chat with the keyboard in the question field (Settings closes first)
   * @param openSettings Settings over the chat, as Ctrl+, shows it in a normal window
   */
  public record Host(Stage stage, StackPane frame, ChatPane chat, ChatController controller, ThemeService theme,
      Runnable newChat, Runnable openSettings) {
    public Host {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(frame, "frame");
      Objects.requireNonNull(chat, "chat");
      Objects.requireNonNull(controller, "controller");
      Objects.requireNonNull(theme, "theme");
      Objects.requireNonNull(newChat, "newChat");
      Objects.requireNonNull(openSettings, "openSettings");
    }
  }

  private final Host host;
  private final Runnable exit;
  private final PinOverlay overlay;
  private final IdleTimer idle;
  private PointerHider pointer;
  /** The conversations of the visit under way: what the wipe policy deletes when the kiosk starts over. */
  private final Set<UUID> visit = new LinkedHashSet<>();
  private KioskMode mode;
  /** Quit Pith was chosen or the window closes: the window may leave full screen and takes no keyboard back. */
  private boolean ending;

  /**
   * @param mode kiosk mode's policy and timings
   * @param pins checks the admin PIN
   * @param exit ends the application (Quit Pith)
   */
  public KioskShell(Host host, KioskMode mode, AdminPins pins, Runnable exit) {
    this.host = Objects.requireNonNull(host, "host");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.exit = Objects.requireNonNull(exit, "exit");
    this.overlay = new PinOverlay(pins, new PinAttempts(mode.lockout(), System::nanoTime), new StaffActions());
    this.idle = new IdleTimer(mode.idle(), this::startOver, System::nanoTime);
  }

  /**
   * Makes the stage a full-screen, undecorated window that refuses to close and cannot be left with Esc; before
   * the stage is first shown. It opens covering the screen and goes full screen as soon as it shows, focused (asked
   * before, Monocle has no window to make full screen yet).
   */
  public void prepare(Stage stage) {
    stage.initStyle(StageStyle.UNDECORATED);
    stage.setFullScreenExitHint("");
    stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
    Rectangle2D screen = Screen.getPrimary().getBounds();
    stage.setX(screen.getMinX());
    stage.setY(screen.getMinY());
    stage.setWidth(screen.getWidth());
    stage.setHeight(screen.getHeight());
    stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
      stage.requestFocus(); // the kiosk's keys go to it; Monocle makes the focused window full screen
      stage.setFullScreen(true);
    });
    stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, Event::consume);
    stage.fullScreenProperty().addListener((o, before, now) -> {
      if (!now && !ending) {
        Platform.runLater(() -> {
          if (stage.isShowing() && !ending) {
            stage.setFullScreen(true);
          }
        });
      }
    });
  }

  /** Adds the kiosk's title bar, texts, style and input handling to the window (its scene exists). */
  public void install() {
    ChatPane chat = host.chat();
    chat.addToHeader(true, brand());
    chat.addToHeader(false, newConversationButton());
    chat.kiosk(visitorNote());
    StackPane frame = host.frame();
    frame.getStyleClass().add(STYLE_CLASS);
    frame.getStylesheets().add(Objects.requireNonNull(KioskShell.class.getResource("kiosk.css")).toExternalForm());

    Scene scene = host.stage().getScene();
    scene.heightProperty().addListener((o, before, now) -> scaleText(now.doubleValue()));
    scaleText(scene.getHeight());
    host.theme().appearanceProperty().addListener((o, before, now) -> scaleText(scene.getHeight()));
    scene.addEventFilter(KeyEvent.ANY, this::onKey);
    EventHandler<InputEvent> used = e -> idle.activity();
    ACTIVITY.forEach(type -> scene.addEventFilter(type, used));
    ChatController controller = host.controller();
    controller.busyProperty().addListener((o, before, now) -> idle.busy(now));
    controller.openProperty().addListener((o, before, now) -> remember(now));
    idle.activity();
    pointer = PointerHider.install(scene, frame, PointerHider.AFTER);
  }

  /** Settings → Kiosk changed the idle time or the policy: they count from now. */
  public void apply(KioskSettings settings) {
    mode = mode.with(settings);
    idle.idle(mode.idle());
    host.chat().kiosk(visitorNote());
  }

  public KioskMode mode() {
    return mode;
  }

  /** Shows the PIN pad over the window (the staff gesture). */
  public void askForPin() {
    if (!overlay.shown()) {
      host.frame().getChildren().add(overlay);
    }
    overlay.open();
  }

  public boolean pinShown() {
    return overlay.shown();
  }

  /** The window closes: timers stop. */
  public void close() {
    ending = true;
    idle.stop();
    overlay.stop();
    if (pointer != null) {
      pointer.stop();
    }
  }

  /** Large text: {@link #FONT_BOOST} more than the appearance, more on a tall screen, never above the maximum. */
  private void scaleText(double height) {
    double base = host.theme().appearance().fontSize();
    double size = Math.min(Appearance.MAX_FONT_SIZE,
        Math.max(base + FONT_BOOST, Math.floor(height / HEIGHT_PER_FONT_PIXEL)));
    host.theme().boostFont(size - base);
  }

  private void onKey(KeyEvent e) {
    if (e.getEventType() == KeyEvent.KEY_PRESSED && STAFF_KEYS.match(e)) {
      e.consume();
      askForPin();
    } else if (overlay.shown()) {
      overlay.key(e);
    }
  }

  private void remember(Conversation open) {
    if (open != null) {
      visit.add(open.id());
    }
  }

  /**
   * The visitor has gone: the staff door and Settings close, the unsent question and anything copied go, a new chat
   * shows, and with the wipe policy the visit's conversations are deleted.
   */
  private void startOver() {
    overlay.close();
    host.chat().clearInput();
    Clipboard.getSystemClipboard().clear(); // an answer copied with Copy is not for the next visitor to paste
    endVisit();
    host.newChat().run();
  }

  /** Forgets the visit; with the wipe policy deletes its conversations. The future ends when they are gone. */
  private CompletableFuture<?> endVisit() {
    List<UUID> ids = List.copyOf(visit);
    visit.clear();
    if (mode.policy() == KioskPolicy.WIPE && !ids.isEmpty()) {
      return host.controller().deleteNow(ids);
    }
    return CompletableFuture.completedFuture(null);
  }

  private void quit() {
    ending = true;
    overlay.close();
    idle.stop();
    // Exit once the visit's conversations are deleted (or could not be: the banner said why, and exit goes on).
    endVisit().whenComplete((done, failure) -> Platform.runLater(exit));
  }

  /** "Pith" at the top left: the place staff hold on a touch display. */
  private HBox brand() {
    FontIcon icon = new FontIcon(Feather.MESSAGE_CIRCLE);
    icon.getStyleClass().add("kiosk-brand-icon");
    Label name = new Label("Pith");
    name.getStyleClass().add("kiosk-brand-name");
    HBox brand = new HBox(8, icon, name);
    brand.setId(BRAND_ID);
    brand.getStyleClass().add("kiosk-brand");
    brand.setAlignment(Pos.CENTER_LEFT);
    brand.setMinWidth(HBox.USE_PREF_SIZE);
    LongPress.install(brand, mode.staffHold(), this::askForPin);
    return brand;
  }

  private Button newConversationButton() {
    Button b = new Button("New conversation", new FontIcon(Feather.PLUS));
    b.setId(NEW_CONVERSATION_ID);
    b.getStyleClass().addAll(Styles.ACCENT, "kiosk-new-conversation");
    b.setMnemonicParsing(false);
    b.setMinWidth(Button.USE_PREF_SIZE);
    b.setOnAction(e -> host.newChat().run());
    return b;
  }

  /** What a visitor is told under "Ask … anything": how to ask, and what happens when they walk away. */
  private String visitorNote() {
    String after = "After " + describe(mode.idle()) + " without a touch the screen starts again"
        + (mode.policy() == KioskPolicy.WIPE ? " and this conversation is deleted." : " with a new conversation.");
    return "Type your question below and press Send. Answers are made on this computer and never leave it. "
        + after;
  }

  private static String describe(Duration d) {
    long minutes = d.toMinutes();
    if (d.equals(Duration.ofMinutes(minutes)) && minutes > 0) {
      return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
    long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
    return seconds == 1 ? "1 second" : seconds + " seconds";
  }

  private final class StaffActions implements PinOverlay.Actions {
    @Override
    public void quit() {
      KioskShell.this.quit();
    }

    @Override
    public void openSettings() {
      host.openSettings().run();
    }

    @Override
    public void closed() {
      host.frame().getChildren().remove(overlay);
      if (!ending) {
        host.chat().focusInput();
      }
    }
  }
}
