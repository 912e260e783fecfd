package dev.pith.app.ui.kiosk;

import atlantafx.base.theme.Styles;
import dev.pith.app.kiosk.AdminPin;
import dev.pith.app.kiosk.AdminPins;
import dev.pith.app.kiosk.PinAttempts;
import dev.pith.inference.OneLine;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The kiosk's staff door, drawn inside the window (a second window is unreliable over a full-screen one on Wayland):
 * the admin PIN typed on a large digit pad or the keyboard, then a menu with Quit Pith, Open settings and Back.
 *
 * <p>A wrong PIN is refused with a line that says how many tries are left; after {@link PinAttempts#MAX_WRONG} in
 * a row, entry is locked for the lockout and the line counts the seconds down. The PIN is checked on the
 * "pith-pin" thread ({@link AdminPins}); the pad is disabled meanwhile. Digits typed are kept in a char array that
 * is wiped when checked or abandoned. FX thread only.
 */
public final class PinOverlay extends StackPane {
  public static final String ID = "kiosk-pin";
  public static final String DISPLAY_ID = "kiosk-pin-display";
  public static final String MESSAGE_ID = "kiosk-pin-message";
  public static final String DIGIT_PREFIX = "kiosk-pin-digit-";
  public static final String DELETE_ID = "kiosk-pin-delete";
  public static final String ENTER_ID = "kiosk-pin-enter";
  public static final String CANCEL_ID = "kiosk-pin-cancel";
  public static final String MENU_ID = "kiosk-staff-menu";
  public static final String QUIT_ID = "kiosk-quit";
  public static final String SETTINGS_ID = "kiosk-open-settings";
  public static final String BACK_ID = "kiosk-staff-back";
  private static final String ASK = "Enter the admin PIN.";
  private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");

  /** What the staff menu does. */
  interface Actions {
    void quit();

    void openSettings();

    /** The overlay is done (Back, Esc, or the settings were chosen): take it off the window. */
    void closed();
  }

  private final AdminPins pins;
  private final PinAttempts attempts;
  private final Actions actions;
  private final Label display = new Label();
  private final Label message = new Label(ASK);
  private final GridPane pad = new GridPane();
  private final Button enter = new Button(null, new FontIcon(Feather.CHECK));
  private final Button delete = new Button(null, new FontIcon(Feather.DELETE));
  private final HBox entry;
  private final VBox menu;
  private final Timeline countdown = new Timeline(new KeyFrame(javafx.util.Duration.millis(250), e -> showLock()));
  private char[] digits = new char[0];
  private boolean checking;
  /** Bumped at every open and close, so that a check that ends after the overlay has gone changes nothing. */
  private long session;

  PinOverlay(AdminPins pins, PinAttempts attempts, Actions actions) {
    this.pins = Objects.requireNonNull(pins, "pins");
    this.attempts = Objects.requireNonNull(attempts, "attempts");
    this.actions = Objects.requireNonNull(actions, "actions");
    countdown.setCycleCount(Animation.INDEFINITE);
    this.entry = createEntry();
    this.menu = createMenu();
    setId(ID);
    getStyleClass().add("kiosk-overlay");
    setAlignment(Pos.CENTER);
    getChildren().setAll(entry);
  }

  private HBox createEntry() {
    FontIcon lock = new FontIcon(Feather.LOCK);
    lock.getStyleClass().add("kiosk-pin-icon");
    Label title = new Label("Staff only");
    title.getStyleClass().addAll(Styles.TITLE_2, "kiosk-pin-title");
    display.setId(DISPLAY_ID);
    display.getStyleClass().add("kiosk-pin-display");
    display.setMaxWidth(Double.MAX_VALUE);
    display.setAccessibleText("PIN typed so far");
    message.setId(MESSAGE_ID);
    message.getStyleClass().add("kiosk-pin-message");
    message.setWrapText(true);
    message.setMinHeight(Region.USE_PREF_SIZE);
    Button cancel = new Button("Back", new FontIcon(Feather.ARROW_LEFT));
    cancel.setId(CANCEL_ID);
    cancel.setOnAction(e -> close());
    VBox text = new VBox(12, lock, title, display, message, cancel);
    text.getStyleClass().add("kiosk-pin-text");
    text.setAlignment(Pos.CENTER_LEFT);

    pad.getStyleClass().add("kiosk-pin-pad");
    for (int d = 1; d <= 9; d++) {
      pad.add(digitKey((char) ('0' + d)), (d - 1) % 3, (d - 1) / 3);
    }
    delete.setId(DELETE_ID);
    delete.setAccessibleText("Delete the last digit");
    delete.setOnAction(e -> deleteDigit());
    enter.setId(ENTER_ID);
    enter.setAccessibleText("Check the PIN");
    enter.getStyleClass().add(Styles.ACCENT);
    enter.setOnAction(e -> submit());
    pad.add(delete, 0, 3);
    pad.add(digitKey('0'), 1, 3);
    pad.add(enter, 2, 3);
    pad.getChildren().forEach(n -> n.getStyleClass().add("kiosk-key"));

    HBox card = new HBox(32, text, pad);
    card.getStyleClass().add("kiosk-card");
    card.setAlignment(Pos.CENTER);
    card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    HBox.setHgrow(text, Priority.ALWAYS);
    showDigits();
    return card;
  }

  private Button digitKey(char digit) {
    Button key = new Button(String.valueOf(digit));
    key.setId(DIGIT_PREFIX + digit);
    key.setOnAction(e -> typeDigit(digit));
    return key;
  }

  private VBox createMenu() {
    Label title = new Label("Staff menu");
    title.getStyleClass().addAll(Styles.TITLE_2, "kiosk-pin-title");
    Label note = new Label("Settings are shown in this window; Back to chat (or Esc) returns to the kiosk.");
    note.getStyleClass().addAll(Styles.TEXT_MUTED, "kiosk-menu-note");
    note.setWrapText(true);
    note.setMinHeight(Region.USE_PREF_SIZE);
    Button quit = menuButton(QUIT_ID, "Quit Pith", Feather.POWER, actions::quit);
    quit.getStyleClass().add(Styles.DANGER);
    Button settings = menuButton(SETTINGS_ID, "Open settings", Feather.SETTINGS, () -> {
      close();
      actions.openSettings();
    });
    Button back = menuButton(BACK_ID, "Back to the kiosk", Feather.ARROW_LEFT, this::close);
    VBox box = new VBox(14, title, note, settings, quit, back);
    box.setId(MENU_ID);
    box.getStyleClass().addAll("kiosk-card", "kiosk-menu");
    box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    return box;
  }

  private static Button menuButton(String id, String text, Feather icon, Runnable action) {
    Button b = new Button(text, new FontIcon(icon));
    b.setId(id);
    b.setMnemonicParsing(false);
    b.setMaxWidth(Double.MAX_VALUE);
    b.getStyleClass().add("kiosk-menu-button");
    b.setOnAction(e -> action.run());
    return b;
  }

  /** Shows the PIN pad with nothing typed (or the lock's countdown, while entry is locked). */
  void open() {
    session++;
    wipe();
    checking = false;
    getChildren().setAll(entry);
    message.setText(ASK);
    showLock();
    requestFocus(); // off the chat underneath; the window hands every key to key() anyway
  }

  /** Done with the overlay: what was typed is wiped and the window takes it away. */
  void close() {
    session++;
    wipe();
    countdown.stop();
    if (shown()) {
      actions.closed();
    }
  }

  boolean shown() {
    return getParent() != null;
  }

  /**
   * A key pressed or typed anywhere in the window while the overlay shows: digits, Backspace, Enter and Esc work
   * the pad; every key is consumed, so nothing reaches the chat underneath.
   */
  void key(KeyEvent e) {
    e.consume();
    if (e.getEventType() == KeyEvent.KEY_TYPED) {
      String c = e.getCharacter();
      if (c.length() == 1 && c.charAt(0) >= '0' && c.charAt(0) <= '9' && entry.getParent() != null) {
        typeDigit(c.charAt(0));
      }
    } else if (e.getEventType() == KeyEvent.KEY_PRESSED) {
      if (e.getCode() == KeyCode.ESCAPE) {
        close();
      } else if (entry.getParent() == null) {
        return; // the menu: its buttons take Enter and Space themselves when focused
      } else if (e.getCode() == KeyCode.BACK_SPACE) {
        deleteDigit();
      } else if (e.getCode() == KeyCode.ENTER) {
        submit();
      }
    }
  }

  /** Stops the countdown (the window closes). */
  void stop() {
    countdown.stop();
  }

  private void typeDigit(char digit) {
    if (checking || locked() || digits.length >= AdminPin.MAX_DIGITS) {
      return;
    }
    char[] next = Arrays.copyOf(digits, digits.length + 1);
    next[digits.length] = digit;
    Arrays.fill(digits, '\0');
    digits = next;
    showDigits();
  }

  private void deleteDigit() {
    if (checking || digits.length == 0) {
      return;
    }
    char[] next = Arrays.copyOf(digits, digits.length - 1);
    wipe();
    digits = next;
    showDigits();
  }

  private void submit() {
    if (checking || locked()) {
      return;
    }
    if (digits.length < AdminPin.MIN_DIGITS) {
      message.setText("The admin PIN has " + AdminPin.MIN_DIGITS + " to " + AdminPin.MAX_DIGITS + " digits.");
      return;
    }
    char[] typed = digits;
    digits = new char[0];
    showDigits();
    checking = true;
    pad.setDisable(true);
    message.setText("Checking…");
    long mine = session;
    pins.check(typed).whenCompleteAsync((right, failure) -> checked(mine, right, failure), Platform::runLater);
  }

  private void checked(long mine, Boolean right, Throwable failure) {
    if (failure == null) {
      if (right) {
        attempts.right();
      } else {
        attempts.wrong(); // counted even when the overlay has gone meanwhile
      }
    }
    if (mine != session) {
      return;
    }
    checking = false;
    pad.setDisable(false);
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      message.setText("The PIN cannot be checked: " + OneLine.of(String.valueOf(cause.getMessage())));
    } else if (right) {
      getChildren().setAll(menu);
      menu.getChildren().stream().filter(Button.class::isInstance).findFirst().ifPresent(b -> b.requestFocus());
    } else if (!showLock()) {
      int left = attempts.triesLeft();
      message.setText("Wrong PIN. " + left + (left == 1 ? " more try" : " more tries") + " before entry is locked"
          + " for " + seconds(attempts.lockout()) + " s.");
    }
  }

  /** While entry is locked: the pad is off and the line counts down. Returns whether it is locked. */
  private boolean showLock() {
    Duration left = attempts.lockedFor();
    boolean locked = !left.isZero();
    if (locked) {
      pad.setDisable(true);
      message.setText("Too many wrong PINs. Try again in " + seconds(left) + " s.");
      if (countdown.getStatus() != Animation.Status.RUNNING) {
        countdown.play();
      }
    } else if (countdown.getStatus() == Animation.Status.RUNNING) {
      countdown.stop();
      pad.setDisable(checking);
      message.setText(ASK);
    } else {
      pad.setDisable(checking);
    }
    return locked;
  }

  private boolean locked() {
    return !attempts.lockedFor().isZero();
  }

  /** Whole seconds, rounded up: "1 s" until the very end. */
  private static long seconds(Duration d) {
    return (d.toMillis() + 999) / 1000;
  }

  private void showDigits() {
    display.setText(digits.length == 0 ? "PIN" : String.join(" ", Collections.nCopies(digits.length, "●")));
    display.pseudoClassStateChanged(EMPTY, digits.length == 0);
    enter.setDisable(digits.length == 0);
    delete.setDisable(digits.length == 0);
  }

  private void wipe() {
    Arrays.fill(digits, '\0');
    digits = new char[0];
    showDigits();
  }
}
