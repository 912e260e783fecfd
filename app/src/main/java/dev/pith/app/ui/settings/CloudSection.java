package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.app.cloud.ApiKeyStore;
import dev.pith.app.cloud.CloudSettings;
import dev.pith.app.cloud.CloudStore;
import dev.pith.app.cloud.PrivacySettings;
import dev.pith.inference.OneLine;
import dev.pith.inference.cloud.CloudEndpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Settings → Privacy → Cloud (DESIGN.md "Cloud escalation"): the switch (off by default), the OpenAI-compatible
 * endpoint (base URL, model), the API key (written to its own 0600 file by {@link ApiKeyStore}, never to the
 * database; the page shows only whether one is saved), and what the sanitizer is told (the phone region, the user's
 * own names and terms). Each field is checked as it is typed, with one line saying what to type instead, and saved
 * on Enter or when the field is left. In kiosk mode the section says the cloud is off there and offers nothing.
 */
public final class CloudSection {
  public static final String ENABLED_ID = "cloud-enabled";
  public static final String MISSING_ID = "cloud-missing";
  public static final String BASE_URL_ID = "cloud-base-url";
  public static final String MODEL_ID = "cloud-model";
  public static final String KEY_ID = "cloud-key";
  public static final String KEY_SAVE_ID = "cloud-key-save";
  public static final String KEY_REMOVE_ID = "cloud-key-remove";
  public static final String KEY_STATE_ID = "cloud-key-state";
  public static final String REGION_ID = "cloud-phone-region";
  public static final String TERMS_ID = "cloud-terms";
  public static final String KIOSK_NOTE_ID = "cloud-kiosk-note";

  private final SettingsContext context;
  private final ApiKeyStore keys;
  private final Switch enabled = new Switch("Ask the cloud");
  private final Label missing = Form.note("");
  private final Field baseUrl;
  private final Field model;
  private final PasswordField key = new PasswordField();
  private final Label keyError = errorLabel(KEY_ID);
  private final Label keyState = new Label("…");
  private final Button saveKey = new Button("Save key", new FontIcon(Feather.KEY));
  private final Button removeKey = new Button("Remove key");
  private final Field region;
  private final TextArea terms = new TextArea();
  private final Label termsNote = Form.note("");
  private final List<Node> nodes = new ArrayList<>();
  private CloudSettings cloud;
  private PrivacySettings privacy;
  private ApiKeyStore.Source keySource = ApiKeyStore.Source.NONE;
  private boolean showing;

  CloudSection(SettingsContext context) {
    this.context = context;
    this.keys = context.app().apiKeys();
    nodes.add(Form.section("Cloud"));
    if (!context.app().kiosk().allowsCloud()) {
      Label note = Form.note("Asking a cloud model is off in kiosk mode: nothing leaves this computer.");
      note.setId(KIOSK_NOTE_ID);
      nodes.add(note);
      baseUrl = model = region = null;
      return;
    }
    enabled.setId(ENABLED_ID);
    missing.setId(MISSING_ID);
    missing.getStyleClass().add(Styles.WARNING);
    baseUrl = new Field(new TextField(), BASE_URL_ID, "Base URL", 24, CloudSection::checkBaseUrl,
        text -> saveCloud(current().withBaseUrl(text.strip())));
    baseUrl.input().setPromptText("https://api.openai.com/v1");
    model = new Field(new TextField(), MODEL_ID, "Model", 16, text -> null,
        text -> saveCloud(current().withModel(text.strip())));
    model.input().setPromptText("gpt-4o-mini");
    region = new Field(new TextField(), REGION_ID, "Phone region", 4, CloudSection::checkRegion,
        text -> savePrivacy(privacy().withPhoneRegion(text.strip())));
    region.input().setPromptText("GB");

    key.setId(KEY_ID);
    key.setAccessibleText("API key");
    key.setPrefColumnCount(20);
    key.setOnAction(e -> saveKey());
    key.textProperty().addListener((o, before, now) -> showProblem(keyError, null));
    saveKey.setId(KEY_SAVE_ID);
    saveKey.setOnAction(e -> saveKey());
    removeKey.setId(KEY_REMOVE_ID);
    removeKey.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
    removeKey.setOnAction(e -> removeKey());
    keyState.setId(KEY_STATE_ID);
    keyState.setWrapText(true);
    keyState.setMinHeight(Region.USE_PREF_SIZE);
    HBox.setHgrow(key, Priority.ALWAYS);

    terms.setId(TERMS_ID);
    terms.setAccessibleText("Your names and terms");
    terms.setPrefRowCount(3);
    terms.setWrapText(true);
    terms.setPromptText("Ana Souza\nProject Bluefin");
    terms.focusedProperty().addListener((o, before, now) -> {
      if (!now) {
        saveTerms();
      }
    });
    terms.textProperty().addListener((o, before, now) -> termsNote.setText(describeTerms(parseTerms(now))));

    nodes.add(Form.note("Optional and off by default. When it is on, each answer offers \"Ask the cloud\": Pith"
        + " takes personal details out of the conversation, shows you exactly what would be sent, and sends it to"
        + " the OpenAI-compatible service below only when you press Send. The answer comes back as its own"
        + " message, marked as from the cloud; what was sent is kept in the audit (pith audit)."));
    nodes.add(Form.row("Ask the cloud", missing, enabled));
    nodes.add(Form.row("Base URL", Form.note("The service's OpenAI-compatible API, before /chat/completions: "
        + "https://api.openai.com/v1, or a server on your own network."), baseUrl.input(), baseUrl.error()));
    nodes.add(Form.row("Model", Form.note("The model asked there, as the service names it."), model.input(),
        model.error()));
    VBox keyBox = new VBox(6, keyState, new HBox(8, key, saveKey, removeKey), keyError);
    nodes.add(Form.block("API key", "Kept in its own file that only you can read (" + keys.file() + "), never in"
        + " the database, its backups or exports. PITH_CLOUD_API_KEY in the environment wins over it.", keyBox));
    nodes.add(Form.row("Phone region", Form.note("Two letters (GB, US, DE): phone numbers written without a"
        + " country code are read as this country's. Empty: this computer's."), region.input(), region.error()));
    nodes.add(Form.block("Your names and terms", "Replaced wherever they appear, whole words, any case: people,"
        + " companies, project names. One per line, or separated by commas.", new VBox(4, terms, termsNote)));

    enabled.selectedProperty().addListener((o, before, now) -> {
      if (!showing && cloud != null && now != cloud.enabled()) {
        saveCloud(cloud.withEnabled(now));
      }
    });
  }

  List<Node> nodes() {
    return nodes;
  }

  /** Reads the settings and whether a key is saved, off the FX thread. */
  void shown() {
    if (baseUrl == null) {
      return;
    }
    record Read(CloudSettings cloud, PrivacySettings privacy, ApiKeyStore.Source source) {}
    CompletableFuture.supplyAsync(() -> new Read(CloudStore.cloud(context.app().db()),
        CloudStore.privacy(context.app().db()), keys.source()), context.io()).whenCompleteAsync((read, failure) -> {
          if (failure != null) {
            missing.setText("Pith cannot read the cloud settings: " + OneLine.of(String.valueOf(
                unwrap(failure).getMessage())));
            return;
          }
          showing = true;
          try {
            cloud = read.cloud();
            privacy = read.privacy();
            keySource = read.source();
            enabled.setSelected(cloud.enabled());
            baseUrl.show(cloud.baseUrl());
            model.show(cloud.model());
            region.show(privacy.phoneRegion());
            terms.setText(String.join("\n", privacy.terms()));
            showKeyState();
            showMissing();
          } finally {
            showing = false;
          }
        }, Platform::runLater);
  }

  /** Keeps what was typed and is valid. */
  void leaving() {
    if (baseUrl == null || cloud == null) {
      return;
    }
    baseUrl.commit();
    model.commit();
    region.commit();
    saveTerms();
    key.clear();
  }

  private CloudSettings current() {
    return cloud != null ? cloud : CloudSettings.DEFAULT;
  }

  private PrivacySettings privacy() {
    return privacy != null ? privacy : PrivacySettings.DEFAULT;
  }

  private void saveCloud(CloudSettings next) {
    if (next.equals(cloud)) {
      return;
    }
    cloud = next;
    showMissing();
    context.saves().track(CompletableFuture.runAsync(() -> CloudStore.save(context.app().db(), next),
        context.io()));
  }

  private void savePrivacy(PrivacySettings next) {
    if (next.equals(privacy)) {
      return;
    }
    privacy = next;
    context.saves().track(CompletableFuture.runAsync(() -> CloudStore.save(context.app().db(), next),
        context.io()));
  }

  private void saveTerms() {
    if (privacy != null) {
      savePrivacy(privacy.withTerms(parseTerms(terms.getText())));
    }
  }

  private void saveKey() {
    String typed = key.getText();
    String clean;
    try {
      clean = ApiKeyStore.check(typed);
    } catch (IllegalArgumentException e) {
      showProblem(keyError, "Not saved: " + e.getMessage() + ".");
      return;
    }
    saveKey.setDisable(true);
    CompletableFuture<Void> save = CompletableFuture.runAsync(() -> keys.save(clean), context.io());
    context.saves().track(save);
    save.whenCompleteAsync((ok, failure) -> {
      saveKey.setDisable(false);
      if (failure != null) {
        showProblem(keyError, "Not saved: " + OneLine.of(String.valueOf(unwrap(failure).getMessage())));
        return;
      }
      key.clear();
      keySource = keySource == ApiKeyStore.Source.ENVIRONMENT ? keySource : ApiKeyStore.Source.FILE;
      showKeyState();
      showMissing();
    }, Platform::runLater);
  }

  private void removeKey() {
    CompletableFuture<Boolean> removed = CompletableFuture.supplyAsync(keys::remove, context.io());
    context.saves().track(removed);
    removed.whenCompleteAsync((ok, failure) -> {
      if (failure != null) {
        showProblem(keyError, "Not removed: " + OneLine.of(String.valueOf(unwrap(failure).getMessage())));
        return;
      }
      keySource = keySource == ApiKeyStore.Source.ENVIRONMENT ? keySource : ApiKeyStore.Source.NONE;
      showKeyState();
      showMissing();
    }, Platform::runLater);
  }

  private void showKeyState() {
    keyState.setText(switch (keySource) {
      case FILE -> "A key is saved. Type another to replace it.";
      case ENVIRONMENT -> "The key comes from PITH_CLOUD_API_KEY in the environment.";
      case NONE -> "No key is saved.";
    });
    removeKey.setVisible(keySource == ApiKeyStore.Source.FILE);
    removeKey.setManaged(keySource == ApiKeyStore.Source.FILE);
  }

  /** What the switch still needs, said under it; or what happens when it is off. */
  private void showMissing() {
    CloudSettings c = current();
    List<String> needs = new ArrayList<>();
    if (c.baseUrl().isBlank()) {
      needs.add("a base URL");
    }
    if (c.model().isBlank()) {
      needs.add("a model");
    }
    if (keySource == ApiKeyStore.Source.NONE) {
      needs.add("an API key");
    }
    if (!c.enabled()) {
      missing.setText("Off: nothing leaves this computer.");
    } else if (needs.isEmpty()) {
      missing.setText("On: answers offer \"Ask the cloud\". Nothing is sent before you press Send in its preview.");
    } else {
      missing.setText("On, but not usable yet: it still needs " + join(needs) + ".");
    }
    missing.getStyleClass().remove(Styles.WARNING);
    if (c.enabled() && !needs.isEmpty()) {
      missing.getStyleClass().add(Styles.WARNING);
    }
  }

  private static String join(List<String> parts) {
    return parts.size() == 1 ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  /** One term per line, or separated by commas. */
  static List<String> parseTerms(String text) {
    return Arrays.stream(text.split("[\\n,]")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
  }

  private static String describeTerms(List<String> list) {
    return list.isEmpty() ? "No terms: only what Pith detects by itself is replaced."
        : list.size() == 1 ? "1 term." : list.size() + " terms.";
  }

  static String checkBaseUrl(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      CloudEndpoint.parseBaseUrl(text);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  static String checkRegion(String text) {
    try {
      new PrivacySettings(text, List.of());
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static Label errorLabel(String id) {
    Label l = new Label();
    l.setId(id + "-error");
    l.getStyleClass().addAll(Styles.DANGER, NumberInput.ERROR_STYLE);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    showProblem(l, null);
    return l;
  }

  private static void showProblem(Label error, String text) {
    error.setText(text == null ? "" : text);
    error.setVisible(text != null);
    error.setManaged(text != null);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /**
   * A text setting checked as it is typed ({@code check} gives the problem, or null) and saved, when valid and
   * changed, on Enter or when the field is left.
   */
  private final class Field {
    private final TextInputControl input;
    private final Label error;
    private final Function<String, String> check;
    private final java.util.function.Consumer<String> save;
    private String kept = "";

    Field(TextInputControl input, String id, String name, int columns, Function<String, String> check,
        java.util.function.Consumer<String> save) {
      this.input = input;
      this.error = errorLabel(id);
      this.check = check;
      this.save = save;
      input.setId(id);
      input.setAccessibleText(name);
      if (input instanceof TextField f) {
        f.setPrefColumnCount(columns);
        f.setOnAction(e -> commit());
      }
      input.setMinWidth(Region.USE_PREF_SIZE);
      input.textProperty().addListener((o, before, now) -> {
        String problem = check.apply(now);
        showProblem(error, problem == null ? null : "Not saved: " + problem + ".");
        input.pseudoClassStateChanged(Styles.STATE_DANGER, problem != null);
      });
      input.focusedProperty().addListener((o, before, now) -> {
        if (!now) {
          commit();
        }
      });
    }

    TextInputControl input() {
      return input;
    }

    Label error() {
      return error;
    }

    void show(String value) {
      kept = value;
      input.setText(value);
    }

    void commit() {
      String text = input.getText().strip();
      if (showing || cloud == null || check.apply(text) != null || text.equals(kept)) {
        return;
      }
      kept = text;
      save.accept(text);
    }
  }
}
