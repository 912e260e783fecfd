package dev.pith.app.ui.status;

import atlantafx.base.controls.Popover;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The sparkline's larger chart, in a popover over the status bar: watts and tokens per second over the last minute
 * as two stacked line charts on a seconds-ago axis, what the watts cover written under them, and "Open statistics"
 * when the window has a statistics page ({@link #setOnOpenStats}). It shows the same points as the sparkline,
 * nothing interpolated, and is redrawn with the bar's power refresh while it is open. Escape or a click elsewhere
 * closes it. FX thread only.
 */
final class PowerChart {
  static final String STYLE_CLASS = "power-chart";
  static final String WATTS_CHART = "power-chart-watts";
  static final String RATE_CHART = "power-chart-rate";
  static final String SOURCE = "power-chart-source";
  static final String STATS_BUTTON = "power-chart-stats";

  private static final double SECONDS = RateHistory.WINDOW_NANOS / 1e9;

  private final Popover popover = new Popover();
  private final XYChart.Series<Number, Number> wattsSeries = new XYChart.Series<>();
  private final XYChart.Series<Number, Number> rateSeries = new XYChart.Series<>();
  private final Label source = new Label();
  private final Button stats = new Button("Open statistics", new FontIcon(Feather.BAR_CHART_2));
  private Runnable onOpenStats;

  PowerChart(String stylesheet) {
    LineChart<Number, Number> wattsChart = chart(WATTS_CHART, "watts", wattsSeries);
    wattsChart.getXAxis().setLabel(null); // said once, under the lower chart
    VBox content = new VBox(wattsChart, chart(RATE_CHART, "tokens / s", rateSeries));
    content.getStyleClass().add(STYLE_CLASS);
    content.getStylesheets().add(stylesheet);
    source.getStyleClass().addAll(SOURCE, Styles.TEXT_MUTED);
    source.setWrapText(true);
    source.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(source, Priority.ALWAYS);
    stats.getStyleClass().add(STATS_BUTTON);
    stats.setMinWidth(Region.USE_PREF_SIZE);
    stats.setOnAction(e -> {
      if (onOpenStats != null) {
        popover.hide();
        onOpenStats.run();
      }
    });
    showStatsButton(false);
    HBox foot = new HBox(source, stats);
    foot.getStyleClass().add("power-chart-foot");
    foot.setAlignment(Pos.CENTER_LEFT);
    content.getChildren().add(foot);
    popover.setContentNode(content);
    popover.setTitle("Power and speed, last minute");
    popover.setHeaderAlwaysVisible(true);
    popover.setDetachable(false);
    popover.setAnimated(false);
    popover.setAutoHide(true);
    popover.setHideOnEscape(true);
    popover.setArrowLocation(Popover.ArrowLocation.BOTTOM_RIGHT);
    popover.setArrowIndent(2); // the sparkline is near the window's right edge: keep the popover inside it
  }

  private static LineChart<Number, Number> chart(String styleClass, String unit, XYChart.Series<Number, Number> data) {
    NumberAxis secondsAgo = new NumberAxis(-SECONDS, 0, 10);
    secondsAgo.setLabel("seconds ago");
    secondsAgo.setTickLabelFormatter(new StringConverter<>() {
      @Override
      public String toString(Number value) {
        long seconds = Math.round(-value.doubleValue());
        return seconds == 0 ? "now" : Long.toString(seconds);
      }

      @Override
      public Number fromString(String text) {
        return "now".equals(text) ? 0 : -Double.parseDouble(text);
      }
    });
    NumberAxis values = new NumberAxis();
    values.setLabel(unit);
    values.setForceZeroInRange(true);
    values.setMinorTickVisible(false);
    LineChart<Number, Number> chart = new LineChart<>(secondsAgo, values);
    chart.getStyleClass().add(styleClass);
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.setLegendVisible(false);
    chart.setHorizontalZeroLineVisible(false);
    chart.setVerticalGridLinesVisible(false);
    chart.getData().add(data);
    return chart;
  }

  /** What the button "Open statistics" does; null hides it. */
  void setOnOpenStats(Runnable action) {
    onOpenStats = action;
    showStatsButton(action != null);
  }

  boolean isShowing() {
    return popover.isShowing();
  }

  /** Opens the chart above {@code owner} (the sparkline) and gives the keyboard to its button, if shown. */
  void show(Node owner) {
    Objects.requireNonNull(owner, "owner");
    if (!popover.isShowing()) {
      popover.show(owner);
      if (stats.isVisible()) {
        stats.requestFocus();
      }
    }
  }

  void hide() {
    popover.hide();
  }

  /** The popover, for tests and screenshots. */
  Popover popover() {
    return popover;
  }

  /**
   * Redraws both charts up to {@code nowNanos} from the first {@code wattCount} readings and {@code rateCount}
   * speeds, oldest first, and writes {@code sourceText} under them. It makes a data point per reading: call it only
   * while the chart is open.
   */
  void update(long nowNanos, long[] wattTimes, double[] watts, int wattCount, long[] rateTimes, double[] rates,
      int rateCount, String sourceText) {
    wattsSeries.getData().setAll(points(nowNanos, wattTimes, watts, wattCount));
    rateSeries.getData().setAll(points(nowNanos, rateTimes, rates, rateCount));
    source.setText(sourceText);
  }

  int wattPoints() {
    return wattsSeries.getData().size();
  }

  private static List<XYChart.Data<Number, Number>> points(long now, long[] times, double[] values, int count) {
    List<XYChart.Data<Number, Number>> points = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      points.add(new XYChart.Data<>(-Math.max(0, (now - times[i]) / 1e9), values[i]));
    }
    return points;
  }

  private void showStatsButton(boolean shown) {
    stats.setVisible(shown);
    stats.setManaged(shown);
  }
}
