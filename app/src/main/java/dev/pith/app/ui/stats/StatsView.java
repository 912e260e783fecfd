package dev.pith.app.ui.stats;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.pith.app.ui.UiThreads;
import dev.pith.app.ui.Viewports;
import dev.pith.inference.OneLine;
import dev.pith.storage.Database;
import dev.pith.storage.dao.AnswerStatsDao;
import dev.pith.storage.model.MeasuredAnswer;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stats, in the window: the user's own benchmark from the answers stored on this machine. Speed over time (median
 * TTFT and decode tok/s per backend and model), their percentiles, energy per token and average power per backend,
 * and what a million tokens cost in electricity beside a cloud price; the answers behind it export as CSV. Every
 * figure says how many answers it is from. Reading and working out run on the "pith-stats" thread; the page shows
 * them when ready. Esc (the window's) or Back returns to the chat. FX thread only.
 */
public final class StatsView extends BorderPane {
  public static final String ID = "stats";
  public static final String BACK_ID = "stats-back";
  public static final String EXPORT_ID = "stats-export";
  public static final String RANGE_ID = "stats-range";
  public static final String SOURCE_ID = "stats-source";
  public static final String EMPTY_ID = "stats-empty";
  public static final String MESSAGE_ID = "stats-message";
  private static final Logger LOG = LoggerFactory.getLogger(StatsView.class);

  /** The spans the page can cover. */
  enum Span {
    WEEK(7, "Last 7 days"), MONTH(30, "Last 30 days"), QUARTER(90, "Last 90 days"), YEAR(365, "Last 365 days");

    final int days;
    final String label;

    Span(int days, String label) {
      this.days = days;
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** What one load read: the prices, the answers (oldest first), whether older ones were left out, the report. */
  private record Loaded(CostPrefs prefs, List<MeasuredAnswer> answers, boolean cut, StatsReport report) {}

  private final Database db;
  private final Clock clock;
  private final ZoneId zone;
  private final CostStore costs;
  private final ExecutorService worker = UiThreads.single("pith-stats");
  private final Button back = new Button("Back to chat", new FontIcon(Feather.ARROW_LEFT));
  private final Button export = new Button("Export CSV", new FontIcon(Feather.DOWNLOAD));
  private final ComboBox<Span> range = new ComboBox<>();
  private final Label message = new Label();
  private final VBox content = new VBox();
  private final ScrollPane scroller = new ScrollPane(content);
  private final CostPanel costPanel;
  /** The last load shown; null before the first. */
  private Loaded shown;
  /** Whether the cost panel has shown prices yet (read from the database at most once). */
  private boolean pricesShown;
  /** Counts loads, so that a slow one finishing after a newer one is dropped. */
  private long loads;

  /**
   * @param exportAllowed whether the Export CSV button is offered (not in kiosk mode)
   * @param onBack goes back to the chat (Back, Esc)
   */
  public StatsView(Database db, Clock clock, ZoneId zone, boolean exportAllowed, Runnable onBack) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.costs = new CostStore(db);
    Objects.requireNonNull(onBack, "onBack");
    this.costPanel = new CostPanel(this::savePrices);
    createView(exportAllowed);
    back.setOnAction(e -> onBack.run());
    export.setOnAction(e -> exportCsv());
    range.valueProperty().addListener((o, before, now) -> load());
  }

  private void createView(boolean exportAllowed) {
    setId(ID);
    getStyleClass().add("stats-view");
    getStylesheets().add(Objects.requireNonNull(StatsView.class.getResource("stats.css")).toExternalForm());
    back.setId(BACK_ID);
    back.getStyleClass().add(Styles.FLAT);
    back.setAccessibleText("Back to the chat (Esc)");
    back.setTooltip(new Tooltip("Back to the chat (Esc)"));
    back.setMnemonicParsing(false);
    Label title = new Label("Stats");
    title.getStyleClass().addAll(Styles.TITLE_4, "stats-title");
    range.setId(RANGE_ID);
    range.getItems().setAll(Span.values());
    range.getSelectionModel().select(Span.QUARTER);
    range.setAccessibleText("Which answers: the last 7, 30, 90 or 365 days");
    export.setId(EXPORT_ID);
    export.setMnemonicParsing(false);
    export.setTooltip(new Tooltip("Save the answers these figures are from as a CSV file: one line per answer,"
        + " the stored figures only"));
    export.setDisable(true);
    HBox grow = new HBox();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox header = new HBox(8, back, title, grow, range);
    if (exportAllowed) {
      header.getChildren().add(export);
    }
    header.setAlignment(Pos.CENTER_LEFT);
    header.getStyleClass().add("settings-header");

    message.setId(MESSAGE_ID);
    message.setWrapText(true);
    message.getStyleClass().add("stats-message");
    content.getStyleClass().add("stats-page");
    Viewports.uncached(scroller);
    scroller.setFitToWidth(true);
    scroller.getStyleClass().addAll("stats-scroller", Tweaks.EDGE_TO_EDGE);
    setTop(header);
    setCenter(scroller);
  }

  /** Reads the answers again and shows them; puts the keyboard on Back. */
  public void open() {
    load();
    back.requestFocus();
  }

  /** The page goes away: valid prices typed are saved. */
  public void leave() {
    costPanel.commit();
  }

  /** The window closes: stops the page's thread. */
  public void close() {
    worker.shutdownNow();
  }

  private void load() {
    long id = ++loads;
    Span span = range.getValue();
    Instant now = clock.instant();
    message.setText("Reading the stored answers…");
    export.setDisable(true);
    if (shown == null) {
      content.getChildren().setAll(message);
    }
    worker.execute(() -> {
      try {
        CostPrefs prefs = costs.read();
        List<MeasuredAnswer> read = db.read(c -> new AnswerStatsDao(c).since(now.minus(Duration.ofDays(span.days)),
            AnswerStatsDao.MAX_ANSWERS + 1));
        boolean cut = read.size() > AnswerStatsDao.MAX_ANSWERS;
        List<MeasuredAnswer> answers = cut ? List.copyOf(read.subList(1, read.size())) : read;
        Loaded loaded = new Loaded(prefs, answers, cut, StatsReport.of(answers, zone));
        Platform.runLater(() -> {
          if (id == loads) {
            show(loaded, span);
          }
        });
      } catch (RuntimeException e) {
        LOG.warn("cannot read the answers for Stats", e);
        Platform.runLater(() -> {
          if (id == loads) {
            message.setText("Could not read the stored answers: " + OneLine.of(String.valueOf(e.getMessage())));
            content.getChildren().setAll(message);
          }
        });
      }
    });
  }

  private void show(Loaded loaded, Span span) {
    // The prices are read once: afterwards the panel's own are newer than the database's (a save may be queued).
    CostPrefs prices = pricesShown ? costPanel.prefs() : loaded.prefs();
    shown = loaded;
    StatsReport report = loaded.report();
    Label source = note("From " + answers(report.answers()) + " of the " + span.label.toLowerCase(java.util.Locale.ROOT)
        + (loaded.cut() ? " (the newest " + AnswerStatsDao.MAX_ANSWERS + "; older ones are left out)" : "")
        + ", as stored with each answer on this machine: finished and stopped answers count, failed ones never.");
    source.setId(SOURCE_ID);
    content.getChildren().setAll(source);
    export.setDisable(loaded.answers().isEmpty());
    if (!report.measured()) {
      content.getChildren().add(emptyState(report.answers()));
      return;
    }
    String step = report.bucket() == StatsReport.Bucket.WEEK ? "week" : "day";
    content.getChildren().addAll(section("Speed"),
        Charts.overTime("stats-ttft-chart", report, "Time to first token, median per " + step, "seconds",
            StatsReport.Point::ttftMillis, 0.001),
        Charts.overTime("stats-tps-chart", report, "Decode speed, median per " + step, "tokens/s",
            StatsReport.Point::decodeTps, 1),
        Tables.speeds(report));
    if (!report.energy().isEmpty()) {
      content.getChildren().addAll(section("Power and energy"));
      if (report.energy().stream().anyMatch(e -> e.joulesPerToken() != null)) {
        content.getChildren().add(Charts.joulesPerToken("stats-energy-chart", report.energy()));
      }
      content.getChildren().add(Tables.energy(report.energy()));
    }
    costPanel.show(prices, report.energy());
    pricesShown = true;
    content.getChildren().add(costPanel);
  }

  private VBox emptyState(int answers) {
    FontIcon icon = new FontIcon(Feather.BAR_CHART_2);
    icon.getStyleClass().add("stats-empty-icon");
    Label title = new Label("No measured answers yet");
    title.getStyleClass().addAll(Styles.TITLE_3, "stats-empty-title");
    Label detail = new Label((answers == 0 ? "" : "The " + answers(answers) + " here measured nothing. ")
        + "Each answer Pith writes stores its speed, and its energy where a power meter can be read; ask"
        + " something and its figures show here.");
    detail.setWrapText(true);
    detail.getStyleClass().add("stats-empty-detail");
    VBox box = new VBox(12, icon, title, detail);
    box.setId(EMPTY_ID);
    box.setAlignment(Pos.CENTER);
    box.getStyleClass().add("stats-empty");
    return box;
  }

  private void savePrices(CostPrefs prefs) {
    costs.save(prefs).whenComplete((v, failure) -> {
      if (failure != null) {
        LOG.warn("cannot save the prices", failure);
        Platform.runLater(() -> {
          message.setText("The prices were not saved: " + OneLine.of(String.valueOf(failure.getMessage())));
          if (!content.getChildren().contains(message)) {
            content.getChildren().add(1, message);
          }
        });
      }
    });
  }

  private void exportCsv() {
    Loaded loaded = shown;
    if (loaded == null || getScene() == null) {
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the answers' figures");
    chooser.setInitialFileName("pith-answers-" + LocalDate.now(clock.withZone(zone)) + ".csv");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    File file = chooser.showSaveDialog(getScene().getWindow());
    if (file == null) {
      return;
    }
    export.setDisable(true);
    worker.execute(() -> {
      String outcome;
      try (Writer out = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8)) {
        AnswersCsv.write(loaded.answers(), out);
        outcome = "Saved " + answers(loaded.answers().size()) + " to " + file;
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot export {}", file, e);
        outcome = "Not saved: " + OneLine.of(String.valueOf(e.getMessage()));
      }
      String text = outcome;
      Platform.runLater(() -> {
        export.setDisable(false);
        message.setText(text);
        if (!content.getChildren().contains(message)) {
          content.getChildren().add(1, message);
        }
      });
    });
  }

  static Label section(String text) {
    Label l = new Label(text);
    l.getStyleClass().addAll(Styles.TITLE_4, "stats-section");
    return l;
  }

  static Label note(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.getStyleClass().addAll(Styles.TEXT_MUTED, "stats-note");
    return l;
  }

  /** {@code 1 answer}, {@code 42 answers}. */
  static String answers(int n) {
    return n == 1 ? "1 answer" : n + " answers";
  }
}
