package dev.pith.app.ui.status;

import dev.pith.app.cli.StatsFormat;
import dev.pith.inference.power.PowerSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 * always with the power source or the reason there is none (DESIGN.md "Telemetry"), beside a sparkline of the last
 * minute's watts and speed that opens a larger chart ({@link PowerDisplay}).
 *
 * <p>Threads (DESIGN.md "Threads"): every method is called on the FX thread. Tokens only feed the meter; the
 * figures are redrawn four times a second by a {@link Timeline} that runs only while an answer streams. Memory is
 * read on the given scheduled thread ({@code /proc} is a file) and posted with {@code Platform.runLater}. The watts
 * come from the {@link PowerSampler}, which reads the meter on its own thread: a second timer, twice a second, takes
 * its latest reading and a copy of the minute, and adds a point to the speed history. The bar borrows the sampler and
 * the scheduled thread: {@link #close()} stops its own timers and samples, and closes neither.
 *
 * <p>A narrow window keeps the most useful figures: the fields are condensed (long words dropped), then left
 * out, least important first: memory, tokens, TTFT, context, the sparkline, watts, speed. The model name gives way
 * before any of them, down to a few letters with an ellipsis. Sizes are in em in the bar's stylesheet, so the
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
  static final String SPARK = Sparkline.STYLE_CLASS;
  /** Marks the context field from {@link #CONTEXT_WARNING} of the window; the theme colours it amber. */
  static final String WARNING = atlantafx.base.theme.Styles.WARNING;
  static final double CONTEXT_WARNING = 0.9;
  static final Duration REFRESH = Duration.millis(250);
  static final long MEMORY_PERIOD_MILLIS = 2_000;
  /** How often the watts, the sparkline and an open chart are redrawn, and the speed history gets a point. */
  static final Duration POWER_REFRESH = Duration.millis(500);

  private static final Logger LOG = LoggerFactory.getLogger(StatusBar.class);
  private static final PseudoClass STREAMING = PseudoClass.getPseudoClass("streaming");
  private static final String UNKNOWN = "—";

  private final PowerDisplay power;
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
  private final Timeline powerRefresh = new Timeline(new KeyFrame(POWER_REFRESH, e -> refreshPower()));
  private final List<ScheduledFuture<?>> samples = new ArrayList<>(1);
  private volatile boolean closed;
  private boolean streaming;
  private int contextLength;
  private int contextUsed;

  /**
   * Starts reading memory every 2 s on {@code sampler} and showing {@code power}'s readings twice a second.
   *
   * @param power the machine's meter, read in the background; with {@code PowerMeter.none} the bar shows "— W" and
   *     its reason
   * @param memory Pith's own memory, usually {@link ProcessMemory#ofThisProcess()}
   * @param sampler a scheduled thread for blocking reads (never the FX thread); shared, not shut down here
   */
  public StatusBar(PowerSampler power, ProcessMemory memory, ScheduledExecutorService sampler) {
    this(power, memory, sampler, System::nanoTime, Platform::runLater);
  }

  StatusBar(PowerSampler power, ProcessMemory memory, ScheduledExecutorService sampler, LongSupplier clock,
      Executor uiThread) {
    Objects.requireNonNull(power, "power");
    this.memory = Objects.requireNonNull(memory, "memory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
    Objects.requireNonNull(sampler, "sampler");
    this.power = new PowerDisplay(power, watts, (long) (POWER_REFRESH.toMillis() * 1_000_000), stylesheet());
    createView();
    clearModel();
    refreshPower();
    powerRefresh.play();
    samples.add(sampler.scheduleWithFixedDelay(this::sampleMemory, 0, MEMORY_PERIOD_MILLIS, TimeUnit.MILLISECONDS));
  }

  private static String stylesheet() {
    return Objects.requireNonNull(StatusBar.class.getResource("status-bar.css")).toExternalForm();
  }

  private void createView() {
    getStyleClass().add(STYLE_CLASS);
    getStylesheets().add(stylesheet());
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
        memoryField.label(), watts.label(), power.spark());
    rate.tooltip("Speed: tokens per second. While an answer streams, over the last second; then the whole"
        + " answer's decode speed");
    ttft.tooltip("Time to first token: from sending the question to the first word of the answer");
    memoryField.tooltip("Pith's memory");
    refresh.setCycleCount(Animation.INDEFINITE);
    powerRefresh.setCycleCount(Animation.INDEFINITE);
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
    power.setNpu(kind == Backend.NPU);
    power.reshow();
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
    power.setNpu(false);
    power.reshow();
  }

  /**
   * What the chart's button "Open statistics" does (the window opens its statistics page); {@code null}, the
   * default, leaves the button out.
   */
  public void setOnOpenStats(Runnable action) {
    power.setOnOpenStats(action);
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

  /** The sparkline's chart, for tests. */
  PowerChart powerChart() {
    return power.chart();
  }

  /** Stops the display timers and the memory samples, and closes the chart. The samplers stay open. */
  public void close() {
    closed = true;
    stopStreaming();
    powerRefresh.stop();
    power.close();
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

  /** The latest watts, the minute's sparkline and an open chart (power timer, twice a second). */
  private void refreshPower() {
    if (closed) {
      return;
    }
    long now = clock.getAsLong();
    double rate = streaming ? meter.tokensPerSecond(now) : 0;
    if (power.refresh(now, rate)) {
      requestLayout(); // the sparkline came or went
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
    Sparkline spark = power.spark();
    double sparkWidth = spacing + spark.prefWidth(-1);
    // the sparkline goes right after the watts: it is dropped when every field after the watts is
    int sparkAfter = -1;
    List<StatusField> shown = new ArrayList<>(byImportance.size());
    for (StatusField field : byImportance) {
      if (field.present()) {
        shown.add(field);
        used += spacing + field.width(false, measure);
        if (field == watts && power.sparkWanted()) {
          sparkAfter = shown.size();
          used += sparkWidth;
        }
      }
    }
    boolean[] condensed = new boolean[shown.size()];
    for (int i = shown.size() - 1; i >= 0 && used > room; i--) {
      used -= shown.get(i).width(false, measure) - shown.get(i).width(true, measure);
      condensed[i] = true;
    }
    used -= nameFull - nameMin;
    int kept = shown.size();
    boolean sparkKept = sparkAfter >= 0;
    while (used > room && (kept > 0 || sparkKept)) {
      if (sparkKept && kept == sparkAfter) {
        sparkKept = false;
        used -= sparkWidth;
      } else {
        kept--;
        used -= spacing + shown.get(kept).width(true, measure);
      }
    }
    for (int i = 0; i < shown.size(); i++) {
      shown.get(i).fit(condensed[i], i < kept);
    }
    spark.setVisible(sparkKept);
    spark.setManaged(sparkKept);
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
