package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.app.kiosk.AdminPin;
import dev.pith.app.kiosk.AdminPins;
import dev.pith.app.kiosk.KioskPolicy;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.inference.OneLine;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Settings → Kiosk: whether Pith starts as a kiosk, how long it waits before starting over and what happens to the
 * conversation it leaves, and the admin PIN that lets staff out. Each setting says what it does on the page.
 *
 * <p>Kiosk mode cannot be switched on before a PIN is set (a kiosk nobody can leave). The PIN is set in the page, in
 * a small form (the current PIN first when one is set, then the new one twice) and hashed on the "pith-pin" thread;
 * only the hash is kept ({@link AdminPin}). A running kiosk follows a new idle time and policy at once.
 */
public final class KioskPage implements SettingsPage {
  public static final String ENABLED_ID = "kiosk-enabled";
  public static final String IDLE_ID = "kiosk-idle-minutes";
  public static final String POLICY_ID_PREFIX = "kiosk-policy-";
  public static final String PIN_STATE_ID = "kiosk-pin-state";
  public static final String PIN_BUTTON_ID = "kiosk-pin-button";
  public static final String PIN_FORM_ID = "kiosk-pin-form";
  public static final String CURRENT_ID = "kiosk-pin-current";
  /** The current PIN's field and its label: shown only when a PIN is set. */
  public static final String CURRENT_ROW_ID = "kiosk-pin-current-row";
  public static final String NEW_ID = "kiosk-pin-new";
  public static final String AGAIN_ID = "kiosk-pin-again";
  public static final String SAVE_PIN_ID = "kiosk-pin-save";
  public static final String CANCEL_PIN_ID = "kiosk-pin-form-cancel";
  public static final String PIN_RESULT_ID = "kiosk-pin-result";
  static final NumberRange IDLE_MINUTES = NumberRange.wholeNumbers(KioskSettings.MIN_IDLE_MINUTES,
      KioskSettings.MAX_IDLE_MINUTES);

  private final SettingsContext context;
  private final Switch enabled = new Switch("Start in kiosk mode");
  private final Label enabledNote;
  private final NumberInput idle;
  private final ToggleGroup policies = new ToggleGroup();
  private final Map<KioskPolicy, RadioButton> policyButtons = new EnumMap<>(KioskPolicy.class);
  private final Label pinState = new Label("…");
  private final Button pinButton = new Button("Set PIN…", new FontIcon(Feather.KEY));
  private final PasswordField current = pinField(CURRENT_ID, "Current PIN");
  private final PasswordField next = pinField(NEW_ID, "New PIN");
  private final PasswordField again = pinField(AGAIN_ID, "New PIN again");
  private final Button savePin = new Button("Save PIN");
  private final VBox currentRow;
  private final VBox pinForm;
  private final Label pinResult = Form.note("");
  private final VBox view;
  /** The settings on screen, as last read or saved; null until read. */
  private KioskSettings shown;
  private AdminPins.State pin = AdminPins.State.NOT_SET;
  /** Set while the page shows values it has read, so that showing them saves nothing. */
  private boolean showing;

  public KioskPage(SettingsContext context) {
    this.context = context;
    enabled.setId(ENABLED_ID);
    enabledNote = Form.note("");
    idle = new NumberInput(IDLE_ID, "Minutes before starting over", IDLE_MINUTES,
        v -> save(current().withIdleMinutes((int) v)));
    VBox choices = new VBox(8,
        policyChoice(KioskPolicy.WIPE, "Delete it", "The conversation is deleted from this computer: the next"
            + " visitor cannot find it, and neither can staff. The default."),
        policyChoice(KioskPolicy.KEEP, "Keep it", "The conversation stays in the history, for staff to read in a"
            + " normal window. The kiosk itself never shows the history."));

    pinState.setId(PIN_STATE_ID);
    pinState.getStyleClass().add("settings-row-title");
    pinState.setMinWidth(Label.USE_PREF_SIZE);
    pinButton.setId(PIN_BUTTON_ID);
    pinButton.setMnemonicParsing(false);
    pinButton.setMinWidth(Button.USE_PREF_SIZE);
    pinButton.setOnAction(e -> showForm(true));
    savePin.setId(SAVE_PIN_ID);
    savePin.getStyleClass().add(Styles.ACCENT);
    savePin.setOnAction(e -> savePin());
    Button cancel = new Button("Cancel");
    cancel.setId(CANCEL_PIN_ID);
    cancel.setOnAction(e -> showForm(false));
    currentRow = labelled("Current PIN", current);
    currentRow.setId(CURRENT_ROW_ID);
    pinForm = new VBox(10, currentRow, labelled("New PIN (4 to 12 digits)", next), labelled("New PIN again", again),
        Form.buttons(savePin, cancel));
    pinForm.setId(PIN_FORM_ID);
    pinForm.getStyleClass().add("settings-form");
    pinResult.setId(PIN_RESULT_ID);
    showFormNow(false);

    view = Form.page("Kiosk", "Kiosk mode makes Pith a public assistant for a lobby, a classroom or a museum: full"
        + " screen with large text, no way out without the admin PIN, no Settings, no history and no links for"
        + " visitors, and a new conversation after a pause.");
    view.getChildren().addAll(
        Form.section("Kiosk mode"),
        Form.row("Start in kiosk mode", enabledNote, enabled),
        Form.row("Start over after", "Minutes without a touch, key or answer before the kiosk shows a new"
            + " conversation, ready for the next visitor. " + IDLE_MINUTES.describe() + ", default 3.", idle),
        Form.block("When the kiosk starts over", "What happens to the conversation it leaves.", choices),
        Form.section("Admin PIN"),
        Form.row("Admin PIN", Form.note("Lets staff out of the kiosk: press Ctrl+Alt+Shift+Q, or hold the Pith"
            + " name at the top left for 3 seconds, then type it for Quit Pith or Settings. Five wrong PINs in a row"
            + " lock entry for 30 seconds. Pith keeps only a salted hash of it. From a terminal: pith kiosk"
            + " set-pin."), new VBox(6, pinState, pinButton)),
        pinForm, pinResult);

    enabled.selectedProperty().addListener((o, before, now) -> {
      if (!showing && shown != null && now != shown.enabled()) {
        save(shown.withEnabled(now));
        showPinState(); // switched off without a PIN, it cannot be switched on again
      }
    });
    policies.selectedToggleProperty().addListener((o, before, now) -> {
      if (!showing && now != null && shown != null) {
        save(shown.withPolicy((KioskPolicy) now.getUserData()));
      }
    });
  }

  private VBox policyChoice(KioskPolicy policy, String label, String description) {
    VBox choice = Form.choice(policies, POLICY_ID_PREFIX + policy.id(), policy, label, description);
    policyButtons.put(policy, Form.button(choice));
    return choice;
  }

  private static PasswordField pinField(String id, String name) {
    PasswordField f = new PasswordField();
    f.setId(id);
    f.setAccessibleText(name);
    f.setPrefColumnCount(12);
    f.setMaxWidth(Label.USE_PREF_SIZE);
    return f;
  }

  private static VBox labelled(String name, PasswordField field) {
    Label title = new Label(name);
    title.setLabelFor(field);
    return new VBox(4, title, field);
  }

  @Override
  public String title() {
    return "Kiosk";
  }

  @Override
  public Feather icon() {
    return Feather.MONITOR;
  }

  @Override
  public Node view() {
    return view;
  }

  @Override
  public void shown() {
    pinResult.setText("");
    CompletableFuture.supplyAsync(() -> KioskStore.settings(context.app().db()), context.io())
        .thenCombine(context.pins().state(), Shown::new)
        .whenCompleteAsync((read, failure) -> {
          if (failure != null) {
            pinResult.setText("Pith cannot read the kiosk settings: " + OneLine.of(String.valueOf(
                unwrap(failure).getMessage())));
          } else {
            show(read.settings(), read.pin());
          }
        }, Platform::runLater);
  }

  @Override
  public void leaving() {
    idle.commit();
    showForm(false);
  }

  private record Shown(KioskSettings settings, AdminPins.State pin) {}

  private void show(KioskSettings settings, AdminPins.State state) {
    showing = true;
    try {
      shown = settings;
      pin = state;
      enabled.setSelected(settings.enabled());
      idle.show(settings.idleMinutes());
      policyButtons.get(settings.policy()).setSelected(true);
      showPinState();
    } finally {
      showing = false;
    }
  }

  private void showPinState() {
    boolean set = pin == AdminPins.State.SET;
    pinState.setText(switch (pin) {
      case SET -> "Set";
      case NOT_SET -> "Not set";
      case DAMAGED -> "Damaged: set a new one";
    });
    pinState.getStyleClass().remove(Styles.DANGER);
    if (pin == AdminPins.State.DAMAGED) {
      pinState.getStyleClass().add(Styles.DANGER);
    }
    pinButton.setText(set ? "Change PIN…" : "Set PIN…");
    currentRow.setVisible(set);
    currentRow.setManaged(set);
    // A kiosk nobody can leave is never started: the switch waits for a PIN (one that is on stays switchable off).
    enabled.setDisable(!set && !enabled.isSelected());
    enabledNote.setText("Pith opens full screen at its next start, for visitors (or start it with pith --kiosk)."
        + (set ? "" : " Set an admin PIN first."));
  }

  private KioskSettings current() {
    return shown != null ? shown : KioskSettings.DEFAULT;
  }

  private void save(KioskSettings settings) {
    shown = settings;
    context.saves().track(KioskStore.save(context.app().db(), settings));
    context.applyKiosk().accept(settings);
  }

  private void showForm(boolean open) {
    showFormNow(open);
    if (open) {
      pinResult.setText("");
      SettingsView.reveal(pinForm);
      (pin == AdminPins.State.SET ? current : next).requestFocus();
    }
  }

  private void showFormNow(boolean open) {
    current.clear();
    next.clear();
    again.clear();
    pinForm.setVisible(open);
    pinForm.setManaged(open);
    pinButton.setDisable(open);
  }

  private void savePin() {
    char[] typed = next.getText().toCharArray();
    char[] repeated = again.getText().toCharArray();
    if (!AdminPin.isValid(typed)) {
      pinResult.setText("Not saved: " + AdminPin.RULE + ".");
      return;
    }
    if (!Arrays.equals(typed, repeated)) {
      pinResult.setText("Not saved: the two new PINs differ.");
      return;
    }
    savePin.setDisable(true);
    pinResult.setText("Saving…");
    context.pins().change(current.getText().toCharArray(), typed).whenCompleteAsync((change, failure) -> {
      savePin.setDisable(false);
      if (failure != null) {
        pinResult.setText("Not saved: " + OneLine.of(String.valueOf(unwrap(failure).getMessage())));
      } else if (change == AdminPins.Change.WRONG_CURRENT) {
        pinResult.setText("Not saved: the current PIN is wrong.");
        current.clear();
        current.requestFocus();
      } else {
        showFormNow(false);
        pin = AdminPins.State.SET;
        showPinState();
        pinResult.setText("The admin PIN is saved.");
        pinButton.requestFocus();
      }
    }, Platform::runLater);
    Arrays.fill(repeated, '\0');
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
