package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.storage.model.Conversation;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Settings → Generation: the system prompt, sampling, the answer's length and the context length, for every
 * conversation or, ticked "Use for this conversation only", for the open one (its settings then win). Each
 * change applies to the next answer; the context length, which is the model's, reloads it.
 */
public final class GenerationPage implements SettingsPage {
  public static final String OWN_ID = "setting-own";
  public static final String SYSTEM_PROMPT_ID = "setting-system-prompt";
  public static final String RESET_ID = "setting-reset";
  public static final String TEMPERATURE_ID = "setting-temperature";
  public static final String TOP_P_ID = "setting-top-p";
  public static final String TOP_K_ID = "setting-top-k";
  public static final String MAX_TOKENS_ID = "setting-max-tokens";
  public static final String REPETITION_PENALTY_ID = "setting-repetition-penalty";
  public static final String CONTEXT_LENGTH_ID = "setting-context-length";

  private final SettingsContext context;
  private final CheckBox own = new CheckBox("Use for this conversation only");
  private final Label scope = Form.note("");
  private final TextArea systemPrompt = new TextArea();
  private final NumberInput temperature;
  private final NumberInput topP;
  private final NumberInput topK;
  private final NumberInput maxTokens;
  private final NumberInput repetitionPenalty;
  private final NumberInput contextLength;
  private final Label contextNote = Form.note("");
  private final Button reset = new Button("Reset to defaults");
  private final VBox view;
  /** The conversation on screen when the page was shown; null for a new chat. */
  private UUID conversation;
  /** The conversation's title, for the line under the check box. */
  private String conversationTitle = "";
  /** Whether the page shows the conversation's own settings (the check box may already say otherwise). */
  private boolean owned;
  /** The values on the page, as saved: the conversation's own when {@link #owned}. */
  private GenerationPrefs shownPrefs = GenerationPrefs.DEFAULT;
  /** Bumped by every {@link #shown}, so that a slow read does not fill the page after a newer one. */
  private long request;

  public GenerationPage(SettingsContext context) {
    this.context = context;
    GenerationPrefs d = GenerationPrefs.DEFAULT;
    temperature = new NumberInput(TEMPERATURE_ID, "Temperature", GenerationPrefs.TEMPERATURE,
        v -> change(p -> p.withTemperature(v)));
    topP = new NumberInput(TOP_P_ID, "Top-p", GenerationPrefs.TOP_P, v -> change(p -> p.withTopP(v)));
    topK = new NumberInput(TOP_K_ID, "Top-k", GenerationPrefs.TOP_K, v -> change(p -> p.withTopK((int) v)));
    maxTokens = new NumberInput(MAX_TOKENS_ID, "Max tokens", GenerationPrefs.MAX_TOKENS,
        v -> change(p -> p.withMaxTokens((int) v)));
    repetitionPenalty = new NumberInput(REPETITION_PENALTY_ID, "Repetition penalty",
        GenerationPrefs.REPETITION_PENALTY, v -> change(p -> p.withRepetitionPenalty(v)));
    contextLength = new NumberInput(CONTEXT_LENGTH_ID, "Context length", BackendPrefs.CONTEXT_LENGTH,
        v -> context.applyBackend().accept(context.store().backend().withContextLength((int) v)));

    own.setId(OWN_ID);
    own.setAccessibleText("Use these settings for this conversation only");
    systemPrompt.setId(SYSTEM_PROMPT_ID);
    systemPrompt.setAccessibleText("System prompt");
    systemPrompt.setWrapText(true);
    systemPrompt.setPrefRowCount(3);
    systemPrompt.setTextFormatter(new TextFormatter<String>(change ->
        change.getControlNewText().length() <= GenerationPrefs.MAX_SYSTEM_PROMPT ? change : null));
    systemPrompt.setPromptText("For example: You are a friendly assistant for a museum. Answer in two sentences.");
    reset.setId(RESET_ID);
    reset.getStyleClass().addAll(Styles.BUTTON_OUTLINED, Styles.SMALL);
    reset.setGraphic(new FontIcon(Feather.ROTATE_CCW));

    view = Form.page("Generation", "How answers are written. A change applies to the next answer.", reset);
    view.getChildren().addAll(new VBox(4, own, scope),
        Form.block("System prompt", "Instructions the model reads before every conversation, up to "
            + GenerationPrefs.MAX_SYSTEM_PROMPT + " characters. Empty: the model's own default.", systemPrompt),
        Form.row("Temperature", range(GenerationPrefs.TEMPERATURE, d.temperature())
            + ". 0 always picks the most likely word; higher is more varied.", temperature),
        Form.row("Top-p", range(GenerationPrefs.TOP_P, d.topP())
            + ". Picks only among the likeliest words that together reach p; 1 turns it off.", topP),
        Form.row("Top-k", range(GenerationPrefs.TOP_K, d.topK())
            + ". Picks only among the k likeliest words; 0 turns it off.", topK),
        Form.row("Max tokens", range(GenerationPrefs.MAX_TOKENS, d.maxTokens())
            + ". The longest answer (a token is about ¾ of a word).", maxTokens),
        Form.row("Repetition penalty", range(GenerationPrefs.REPETITION_PENALTY, d.repetitionPenalty())
            + ". Above 1 makes repeating words less likely; 1 turns it off.", repetitionPenalty),
        Form.row("Context length", contextNote, contextLength.field(), contextLength.error()));
    initListeners();
  }

  private static String range(NumberRange range, double defaultValue) {
    return range.describe() + ", default " + NumberRange.format(defaultValue);
  }

  private void initListeners() {
    own.setOnAction(e -> setOwn(own.isSelected()));
    systemPrompt.focusedProperty().addListener((o, before, now) -> {
      if (!now) {
        commitSystemPrompt();
      }
    });
    reset.setOnAction(e -> resetToDefaults());
  }

  @Override
  public String title() {
    return "Generation";
  }

  @Override
  public Feather icon() {
    return Feather.SLIDERS;
  }

  @Override
  public Node view() {
    return view;
  }

  @Override
  public void shown() {
    Conversation open = context.chat().openProperty().get();
    conversation = open == null ? null : open.id();
    long mine = ++request;
    own.setDisable(true);
    fill(false, context.store().generation());
    if (conversation == null) {
      return;
    }
    conversationTitle = open.title().isBlank() ? "Untitled chat" : open.title();
    UUID id = conversation;
    CompletableFuture.supplyAsync(() -> context.store().override(id), context.io()).thenAcceptAsync(found -> {
      if (mine == request) {
        own.setDisable(false);
        fill(found.isPresent(), found.orElse(context.store().generation()));
      }
    }, Platform::runLater);
  }

  @Override
  public void leaving() {
    commitSystemPrompt();
    for (NumberInput input : inputs()) {
      input.commit();
    }
  }

  private List<NumberInput> inputs() {
    return List.of(temperature, topP, topK, maxTokens, repetitionPenalty, contextLength);
  }

  /** Puts {@code prefs} (and the context length, which is common to all) on the page. */
  private void fill(boolean conversationOwn, GenerationPrefs prefs) {
    owned = conversationOwn;
    own.setSelected(conversationOwn);
    scope.setText(conversation == null
        ? "These settings apply to every conversation. Open a conversation to give it settings of its own."
        : conversationOwn
        ? "Only “" + conversationTitle + "” uses these; every other conversation uses the common settings."
        : "These settings apply to every conversation without settings of its own, “" + conversationTitle
            + "” too.");
    shownPrefs = prefs;
    systemPrompt.setText(prefs.systemPrompt());
    temperature.show(prefs.temperature());
    topP.show(prefs.topP());
    topK.show(prefs.topK());
    maxTokens.show(prefs.maxTokens());
    repetitionPenalty.show(prefs.repetitionPenalty());
    contextLength.show(context.store().backend().contextLength());
    contextLength.field().setDisable(conversationOwn);
    contextNote.setText(range(BackendPrefs.CONTEXT_LENGTH, BackendPrefs.DEFAULT.contextLength())
        + ". How much of the conversation the model keeps in mind; more uses more memory. For every conversation;"
        + " a change reloads the model.");
  }

  private void change(UnaryOperator<GenerationPrefs> edit) {
    save(edit.apply(shownPrefs));
  }

  private void save(GenerationPrefs next) {
    if (next.equals(shownPrefs)) {
      return;
    }
    shownPrefs = next;
    context.saves().track(owned
        ? context.store().saveOverride(conversation, next) : context.store().saveGeneration(next));
  }

  private void commitSystemPrompt() {
    String text = systemPrompt.getText(); // no longer than the limit: the formatter refuses more
    if (!text.equals(shownPrefs.systemPrompt())) {
      save(shownPrefs.withSystemPrompt(text));
    }
  }

  private void setOwn(boolean conversationOwn) {
    if (conversation == null) {
      return;
    }
    leaving(); // what was typed goes where it was typed for
    if (conversationOwn) {
      // The conversation starts from the values it had: nothing changes until one is edited.
      context.saves().track(context.store().saveOverride(conversation, shownPrefs));
      fill(true, shownPrefs);
    } else {
      context.saves().track(context.store().removeOverride(conversation));
      fill(false, context.store().generation());
    }
  }

  private void resetToDefaults() {
    save(GenerationPrefs.DEFAULT);
    if (!owned) {
      context.applyBackend().accept(context.store().backend().withContextLength(BackendPrefs.DEFAULT.contextLength()));
    }
    fill(owned, GenerationPrefs.DEFAULT);
  }
}
