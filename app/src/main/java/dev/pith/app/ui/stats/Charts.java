package dev.pith.app.ui.stats;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/** The Stats page's charts, built from a {@link StatsReport}. FX thread. */
final class Charts {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

  private Charts() {}

  /**
   * One line per backend and model: the median of {@code figure} per day (or week), in {@code unit}; a step where
   * no answer measured it has no point.
   */
  static LineChart<Number, Number> overTime(String id, StatsReport report, String title, String unit,
      Function<StatsReport.Point, Percentile> figure, double scale) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (List<StatsReport.Point> points : report.series().values()) {
      for (StatsReport.Point p : points) {
        min = Math.min(min, p.start().toEpochDay());
        max = Math.max(max, p.start().toEpochDay());
      }
    }
    if (min > max) {
      min = LocalDate.now().toEpochDay();
      max = min;
    }
    long step = report.bucket() == StatsReport.Bucket.WEEK ? 7 : 1;
    long span = Math.max(max - min, step);
    long unitDays = Math.max(step, (long) Math.ceil(span / 6.0 / step) * step);
    NumberAxis x = new NumberAxis(min - step / 2.0, max + step / 2.0, unitDays);
    x.setAutoRanging(false);
    x.setMinorTickVisible(false);
    x.setTickLabelFormatter(new StringConverter<>() {
      @Override
      public String toString(Number day) {
        return LocalDate.ofEpochDay(Math.round(day.doubleValue())).format(DAY);
      }

      @Override
      public Number fromString(String text) {
        return 0;
      }
    });
    NumberAxis y = new NumberAxis();
    y.setLabel(unit);
    y.setForceZeroInRange(true);
    y.setMinorTickVisible(false);
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setId(id);
    chart.setTitle(title);
    chart.setAnimated(false);
    chart.getStyleClass().add("stats-chart");
    for (Map.Entry<StatsReport.Key, List<StatsReport.Point>> e : report.series().entrySet()) {
      XYChart.Series<Number, Number> series = new XYChart.Series<>();
      series.setName(e.getKey().label());
      for (StatsReport.Point p : e.getValue()) {
        Percentile value = figure.apply(p);
        if (value != null) {
          series.getData().add(new XYChart.Data<>(p.start().toEpochDay(), value.p50() * scale));
        }
      }
      if (!series.getData().isEmpty()) {
        chart.getData().add(series);
      }
    }
    return chart;
  }

  /** J/token per local backend with energy readings: the whole machine's, and above idle where it was measured. */
  static BarChart<String, Number> joulesPerToken(String id, List<StatsReport.EnergyRow> rows) {
    CategoryAxis x = new CategoryAxis();
    NumberAxis y = new NumberAxis();
    y.setLabel("J/token");
    y.setMinorTickVisible(false);
    BarChart<String, Number> chart = new BarChart<>(x, y);
    chart.setId(id);
    chart.setTitle("Energy per generated token");
    chart.setAnimated(false);
    chart.getStyleClass().add("stats-chart");
    XYChart.Series<String, Number> whole = new XYChart.Series<>();
    whole.setName("Whole machine");
    XYChart.Series<String, Number> aboveIdle = new XYChart.Series<>();
    aboveIdle.setName("Above idle");
    for (StatsReport.EnergyRow row : rows) {
      if (row.joulesPerToken() == null) {
        continue;
      }
      boolean npu = Backends.NPU.equals(row.backend());
      String name = Backends.name(row.backend()) + (npu ? " (its own draw not included)" : "");
      whole.getData().add(new XYChart.Data<>(name, row.joulesPerToken()));
      if (row.aboveIdleJoulesPerToken() != null) {
        aboveIdle.getData().add(new XYChart.Data<>(name, row.aboveIdleJoulesPerToken()));
      }
    }
    chart.getData().add(whole);
    if (!aboveIdle.getData().isEmpty()) {
      chart.getData().add(aboveIdle);
    }
    chart.setLegendVisible(!aboveIdle.getData().isEmpty());
    return chart;
  }
}
