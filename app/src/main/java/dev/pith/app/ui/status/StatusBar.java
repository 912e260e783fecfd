package dev.pith.app.ui.status;

import dev.pith.app.cli.StatsFormat;
import dev.pith.inference.power.PowerMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-line bar under the chat: which backend and model answer, and while an answer streams how fast
 * (smoothed by a {@link RateMeter}), its TTFT and token count, then the answer's exact figures; the context
 * window's use (amber from 90%, when the oldest turns start to be left out), Pith's memory and the watts drawn,
 * always with the power source or the reason there is none (DESIGN.md "Telemetry").
 *
 * <p>Threads (DESIGN.md "Threads"): every method is called on the FX thread. Tokens only feed the meter; the
 * figures are redrawn four times a second by a {@link Timeline} that runs only while an answer streams. Memory
 * and power are read on the given sampler thread (a PMIC read takes ~20 ms, {@code /proc} is a file) and posted
 * with {@code Platform.runLater}. The bar borrows the power meter and the sampler: {@link #close()} stops its
 * own timers and samples, and closes neither.
 *
 * <p>A narrow window keeps the most useful figures: the fields are condensed (long words dropped), then left
 * out, least important first: memory, tokens, TTFT, context, watts, speed. The model name gives way before
 * any of them, down to a few letters with an ellipsis. Sizes are in em in the bar's stylesheet, so the
 * theme's root font size scales it.
 */
public final class StatusBar extends HBox {
  static final String STYLE_CLASS = "status-bar";
  static final String BACKEND = "status-backend";
  static final String MODEL = "status-model";
  static final String RATE = "status-rate";
  static final String TTFT = "status-ttft";
  static final String TOKENS = "status-tokens";
  static final String CONTEXT = "status-context";
  static final String MEMORY = "status-memory";
  static final String POWER = "status-power";
  /** Marks the context field from {@link #CONTEXT_WARNING} of the window; the theme colours it amber. */
  static final String WARNING = atlantafx.base.theme.Styles.WARNING;
  static final double CONTEXT_WARNING = 0.9;
  static final Duration REFRESH = Duration.millis(250);
  static final long MEMORY_PERIOD_MILLIS = 2_000;
  static final long POWER_PERIOD_MILLIS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(StatusBar.class);
  private static final PseudoClass STREAMING = PseudoClass.getPseudoClass("streaming");
  private static final String UNKNOWN = "—";

  private final PowerMeter power;
  private final ProcessMemory memory;
  private final LongSupplier clock;
  private final Executor uiThread;
  private final RateMeter meter = new RateMeter();
  private final Label backend = new Label();
  private final Tooltip backendTip = new Tooltip();
  private final Label model = new Label();
  private final Tooltip modelTip = new Tooltip();
  private final StatusField rate = new StatusField(RATE, Feather.ACTIVITY);
  private final StatusField ttft = new StatusField(TTFT, Feather.CLOCK);
  private final StatusField tokens = new StatusField(TOKENS, Feather.HASH);
  private final StatusField context = new StatusField(CONTEXT, Feather.LAYERS);
  private final StatusField memoryField = new StatusField(MEMORY, Feather.SERVER);
  private final StatusField watts = new StatusField(POWER, Feather.ZAP);
  /** Most important first; the last ones are condensed, then dropped, first. */
  private final List<StatusField> byImportance = List.of(rate, watts, context, ttft, tokens, memoryField);
  private final Text measure = new Text();
  private final Timeline refresh = new Timeline(new KeyFrame(REFRESH, e -> refreshLive()));
  private final List<ScheduledFuture<?>> samples = new ArrayList<>(2);
  private volatile boolean closed;
  private boolean streaming;
  private int contextLength;
  private int contextUsed;
  private String lastPowerFailure;

  /**
   * Starts reading memory every 2 s and power twice a second on {@code sampler}.
   *
   * @param power the machine's meter; {@link PowerMeter#none} shows "— W" and its reason
   * @param memory Pith's own memory, usually {@link ProcessMemory#ofThisProcess()}
   * @param sampler a scheduled thread for blocking reads (never the FX thread); shared, not shut down here
   */
  public StatusBar(PowerMeter power, ProcessMemory memory, ScheduledExecutorService sampler) {
    this(power, memory, sampler, System::nanoTime, Platform::runLater);
  }

  StatusBar(PowerMeter power, ProcessMemory memory, ScheduledExecutorService sampler, LongSupplier clock,
      Executor uiThread) {
    this.power = Objects.requireNonNull(power, "power");
    this.memory = Objects.requireNonNull(memory, "memory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
    Objects.requireNonNull(sampler, "sampler");
    createView();
    clearModel();
    showPower(OptionalDouble.empty(), power.unavailableReason());
    samples.add(sampler.scheduleWithFixedDelay(this::sampleMemory, 0, MEMORY_PERIOD_MILLIS, TimeUnit.MILLISECONDS));
    samples.add(sampler.scheduleWithFixedDelay(this::samplePower, 0, POWER_PERIOD_MILLIS, TimeUnit.MILLISECONDS));
  }

  private void createView() {
    getStyleClass().add(STYLE_CLASS);
    getStylesheets().add(Objects.requireNonNull(StatusBar.class.getResource("status-bar.css")).toExternalForm());
    backend.getStyleClass().addAll("backend-badge", BACKEND);
    backend.setMinWidth(Region.USE_PREF_SIZE);
    backend.setTooltip(backendTip);
    model.getStyleClass().add(MODEL);
    model.setTooltip(modelTip);
    model.setMaxWidth(Region.USE_PREF_SIZE);
    Region gap = new Region();
    gap.setMinWidth(0);
    HBox.setHgrow(gap, Priority.ALWAYS);
    getChildren().addAll(backend, model, gap, rate.label(), ttft.label(), tokens.label(), context.label(),
        memoryField.label(), watts.label());
    rate.tooltip("Speed: tokens per second. While an answer streams, over the last second; then the whole"
        + " answer's decode speed");
    ttft.tooltip("Time to first token: from sending the question to the first word of the answer");
    memoryField.tooltip("Pith's memory");
    refresh.setCycleCount(Animation.INDEFINITE);
  }

  /**
   * Shows the loaded model: its backend as a badge, its name, and the context window's size.
   *
   * @param backendId {@code cpu}, {@code hailo} (shown as NPU) or {@code cloud}
   */
  public void setModel(String backendId, String modelName, int contextLength) {
    setModel(backendId, modelName, contextLength, "");
  }

  /**
   * {@link #setModel(String, String, int)} with a note on the badge's tooltip, e.g. why answers left the NPU.
   */
  public void setModel(String backendId, String modelName, int contextLength, String note) {
    Objects.requireNonNull(modelName, "modelName");
    if (contextLength <= 0) {
      throw new IllegalArgumentException("a model's context length must be positive, got " + contextLength);
    }
    Backend kind = Backend.of(backendId);
    badge(kind.badge, kind.styleClass, note.isEmpty() ? kind.description : kind.description + ". " + note);
    model.setText(modelName);
    model.getStyleClass().remove("no-model");
    model.setAccessibleText("Model " + modelName);
    modelTip.setText("Model: " + modelName);
    this.contextLength = contextLength;
    showContext();
  }

  /** No model is loaded: the badge and name say so, and the answer and context figures go. */
  public void clearModel() {
    stopStreaming();
    badge(UNKNOWN, "none", "No model is loaded");
    model.setText("No model loaded");
    if (!model.getStyleClass().contains("no-model")) {
      model.getStyleClass().add("no-model");
    }
    model.setAccessibleText("No model loaded");
    modelTip.setText("Choose a model to start");
    contextLength = 0;
    rate.hide();
    ttft.hide();
    tokens.hide();
    context.hide();
  }

  /** An answer was requested at {@code startNanos} ({@link System#nanoTime()}): the live figures start over. */
  public void answerStarted(long startNanos) {
    meter.start(startNanos);
    streaming = true;
    pseudoClassStateChanged(STREAMING, true);
    ttft.hide();
    refreshLive();
    refresh.playFromStart();
  }

  /**
   * {@code totalTokens} of the answer have arrived by {@code nowNanos}. Called at most once per pulse (from the
   * coalescing sink); it only feeds the meter and allocates nothing: the figures are redrawn by the timer.
   * Ignored when no answer is streaming.
   */
  public void tokens(int totalTokens, long nowNanos) {
    if (streaming) {
      meter.sample(totalTokens, nowNanos);
    }
  }

  /**
   * The answer ended: shows its exact figures (from {@code GenerationStats}) in place of the live ones.
   *
   * @param ttftMillis time to first token; NaN when unknown
   * @param decodeTps decode tokens per second; NaN when unknown (fewer than two tokens)
   */
  public void answerFinished(int promptTokens, int generatedTokens, double ttftMillis, double decodeTps) {
    stopStreaming();
    showRate(decodeTps, "the answer's decode speed");
    showTtft(ttftMillis);
    String count = StatsFormat.tokens(generatedTokens);
    tokens.show(count, Integer.toString(generatedTokens), count + " generated");
    tokens.tooltip("Tokens: " + promptTokens + " read from the prompt, " + generatedTokens + " generated");
  }

  /** How many tokens of the context window the conversation fills; shown against the model's maximum. */
  public void setContextUsed(int tokensUsed) {
    if (tokensUsed < 0) {
      throw new IllegalArgumentException("context use cannot be negative: " + tokensUsed);
    }
    contextUsed = tokensUsed;
    showContext();
  }

  /** Stops the display timer and the memory and power samples. The meter and the sampler stay open. */
  public void close() {
    closed = true;
    stopStreaming();
    samples.forEach(sample -> sample.cancel(false));
  }

  private void stopStreaming() {
    refresh.stop();
    streaming = false;
    pseudoClassStateChanged(STREAMING, false);
  }

  private void badge(String text, String styleClass, String description) {
    backend.setText(text);
    backend.getStyleClass().removeAll(Backend.STYLE_CLASSES);
    backend.getStyleClass().add(styleClass);
    backend.setAccessibleText(description);
    backendTip.setText(description);
  }

  /** Redraws the streaming figures from the meter (timer, four times a second). */
  private void refreshLive() {
    if (!streaming) {
      return;
    }
    showRate(meter.tokensPerSecond(clock.getAsLong()), "over the last second");
    showTtft(meter.ttftMillis());
    int count = meter.tokens();
    String text = StatsFormat.tokens(count);
    tokens.show(text, Integer.toString(count), text + " so far");
    tokens.tooltip("Tokens generated so far in this answer");
  }

  private void showRate(double tokensPerSecond, String over) {
    if (Double.isFinite(tokensPerSecond)) {
      String text = StatsFormat.tokensPerSecond(tokensPerSecond);
      rate.show(text, text, "Speed " + StatsFormat.number(tokensPerSecond, 1) + " tokens per second, " + over);
    } else {
      rate.show(UNKNOWN + " tok/s", UNKNOWN + " tok/s", "Speed not measured yet");
    }
  }

  private void showTtft(double millis) {
    if (Double.isFinite(millis)) {
      String ms = StatsFormat.number(millis, 0) + " ms";
      ttft.show(StatsFormat.ttft(millis), ms, "Time to first token " + ms);
    } else {
      ttft.hide();
    }
  }

  private void showContext() {
    if (contextLength <= 0) {
      context.hide();
      return;
    }
    String figures = String.format(Locale.ROOT, "%,d / %,d", contextUsed, contextLength);
    boolean nearlyFull = contextUsed >= CONTEXT_WARNING * contextLength;
    context.show("context " + figures, figures, "Context " + contextUsed + " of " + contextLength + " tokens"
        + (nearlyFull ? ", nearly full" : ""));
    context.tooltip("Context window: " + figures + " tokens used"
        + (nearlyFull ? ".\nNearly full: the oldest turns will be left out of the next prompt." : ""));
    if (nearlyFull != context.label().getStyleClass().contains(WARNING)) {
      if (nearlyFull) {
        context.label().getStyleClass().add(WARNING);
      } else {
        context.label().getStyleClass().remove(WARNING);
      }
    }
  }

  /** On the sampler thread. */
  private void sampleMemory() {
    try {
      ProcessMemory.Reading reading = memory.read();
      post(() -> showMemory(reading));
    } catch (RuntimeException e) {
      LOG.warn("Could not read Pith's memory use", e);
    }
  }

  private void showMemory(ProcessMemory.Reading reading) {
    memoryField.show("memory " + reading.text(), reading.text(), "Memory " + reading.text());
    memoryField.tooltip("Pith's memory: " + reading.description());
  }

  /** On the sampler thread. */
  private void samplePower() {
    OptionalDouble reading;
    Optional<String> reason;
    try {
      reading = power.watts();
      reason = reading.isPresent() ? Optional.empty() : power.unavailableReason();
    } catch (RuntimeException e) {
      String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (!failure.equals(lastPowerFailure)) {
        LOG.warn("Reading power from {} failed", power.source(), e);
        lastPowerFailure = failure;
      }
      reading = OptionalDouble.empty();
      reason = Optional.of("reading " + power.source() + " failed: " + e.getMessage());
    }
    OptionalDouble watts = reading;
    Optional<String> why = reason;
    post(() -> showPower(watts, why));
  }

  private void showPower(OptionalDouble reading, Optional<String> reason) {
    String source = power.source();
    if (reading.isPresent()) {
      String text = StatsFormat.number(reading.getAsDouble(), 1) + " W";
      watts.show(text, text, "Power " + text + " from " + source);
      watts.tooltip("Power drawn now: " + text + ", measured by " + source);
      watts.icon(Feather.ZAP);
    } else {
      String why = reason.orElse("no reading from " + source + " yet");
      watts.show(UNKNOWN + " W", UNKNOWN + " W", "Power unknown: " + why);
      watts.tooltip("Power: no reading. " + capitalized(why));
      watts.icon(Feather.ZAP_OFF);
    }
  }

  private void post(Runnable update) {
    if (closed) {
      return;
    }
    uiThread.execute(() -> {
      if (!closed) {
        update.run();
      }
    });
  }

  /**
   * Keeps the bar on one line. First the least important fields take their short form until everything fits
   * beside the full model name; then the name gives way down to its minimum width (with an ellipsis); then the
   * least important fields are left out until the rest fit.
   */
  @Override
  protected void layoutChildren() {
    fitFields();
    super.layoutChildren();
  }

  /**
   * Only the badge and the shortest name: the fields are dropped to fit rather than widen the window (an HBox's
   * own minimum, the sum of its children's, would make a VBox or BorderPane give the bar more than it has).
   */
  @Override
  protected double computeMinWidth(double height) {
    Insets insets = getInsets();
    double nameMin = Math.min(model.minWidth(-1), model.prefWidth(-1));
    return insets.getLeft() + backend.prefWidth(-1) + getSpacing() + nameMin + insets.getRight();
  }

  private void fitFields() {
    Insets insets = getInsets();
    double room = getWidth() - insets.getLeft() - insets.getRight();
    double spacing = getSpacing();
    double nameFull = model.prefWidth(-1);
    double nameMin = Math.min(model.minWidth(-1), nameFull);
    // the badge, the name and the gap, with the spacing after the first two
    double used = backend.prefWidth(-1) + spacing + nameFull + spacing;
    List<StatusField> shown = new ArrayList<>(byImportance.size());
    for (StatusField field : byImportance) {
      if (field.present()) {
        shown.add(field);
        used += spacing + field.width(false, measure);
      }
    }
    boolean[] condensed = new boolean[shown.size()];
    for (int i = shown.size() - 1; i >= 0 && used > room; i--) {
      used -= shown.get(i).width(false, measure) - shown.get(i).width(true, measure);
      condensed[i] = true;
    }
    used -= nameFull - nameMin;
    int kept = shown.size();
    while (kept > 0 && used > room) {
      kept--;
      used -= spacing + shown.get(kept).width(true, measure);
    }
    for (int i = 0; i < shown.size(); i++) {
      shown.get(i).fit(condensed[i], i < kept);
    }
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The backends the badge knows, in the words people know them by. */
  private enum Backend {
    CPU("cpu", "CPU", "Runs on this computer's processor (CPU)"),
    NPU("hailo", "NPU", "Runs on the Hailo-10H NPU (AI HAT+ 2)"),
    CLOUD("cloud", "Cloud", "Answered by the cloud model, from a sanitized copy of the question");

    static final List<String> STYLE_CLASSES = List.of("cpu", "npu", "cloud", "none");

    final String id;
    final String badge;
    final String styleClass;
    final String description;

    Backend(String id, String badge, String description) {
      this.id = id;
      this.badge = badge;
      this.styleClass = badge.toLowerCase(Locale.ROOT);
      this.description = description;
    }

    static Backend of(String id) {
      for (Backend backend : values()) {
        if (backend.id.equals(id)) {
          return backend;
        }
      }
      throw new IllegalArgumentException("unknown backend '" + id + "' (expected cpu, hailo or cloud)");
    }
  }
}
