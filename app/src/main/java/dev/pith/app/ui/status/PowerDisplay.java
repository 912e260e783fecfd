package dev.pith.app.ui.status;

import dev.pith.app.cli.StatsFormat;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import dev.pith.inference.power.PowerSampler;
import java.util.Objects;
import java.util.OptionalDouble;
import org.kordamp.ikonli.feather.Feather;

/**
 * The status bar's watts: the sampler's latest reading with its source and scope (or "—" and why there is none), the
 * sparkline of the last minute and its larger chart (DESIGN.md "Telemetry"). While the NPU answers it says the NPU
 * is not included and gives Hailo's published typical draw as an estimate beside the reading, never inside it.
 *
 * <p>Refreshed by the bar's power timer on the FX thread. It only reads what the sampler already has (a short
 * synchronized copy; the meter is read on the sampler's own thread): one copy of the minute's readings per refresh,
 * into which nothing else allocates but the texts that changed.
 */
final class PowerDisplay {
  private static final String UNKNOWN = "—";

  private final PowerSampler sampler;
  private final PowerMeter meter;
  private final StatusField field;
  private final Sparkline spark = new Sparkline();
  private final PowerChart chart;
  private final RateHistory history;
  private final long[] rateTimes;
  private final double[] rates;
  private boolean npu;
  private boolean sparkShown;
  // The figures the texts were last made from, so an unchanged refresh makes no strings.
  private long shownDeciwatts = Long.MIN_VALUE;
  private boolean shownNpu;
  private String shownReason;
  private long summaryKey = Long.MIN_VALUE;
  private long now;
  private PowerSampler.Readings readings = new PowerSampler.Readings(new long[0], new double[0]);
  private int rateCount;

  PowerDisplay(PowerSampler sampler, StatusField field, long refreshNanos, String stylesheet) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.meter = sampler.meter();
    this.field = field;
    this.chart = new PowerChart(stylesheet);
    this.history = new RateHistory(refreshNanos);
    rateTimes = new long[history.capacity()];
    rates = new double[history.capacity()];
    spark.setOnOpen(this::openChart);
    spark.setVisible(false);
    spark.setManaged(false);
  }

  Sparkline spark() {
    return spark;
  }

  PowerChart chart() {
    return chart;
  }

  /** Whether the sparkline has a minute to show (two readings at least); the bar decides whether it fits. */
  boolean sparkWanted() {
    return sparkShown;
  }

  /** The NPU answers (backend {@code hailo}): its draw is not in the readings. */
  void setNpu(boolean npuAnswers) {
    npu = npuAnswers;
  }

  void setOnOpenStats(Runnable action) {
    chart.setOnOpenStats(action);
  }

  /**
   * Shows the latest reading and redraws the minute as of {@code nowNanos}, adding {@code tokensPerSecond} (NaN or 0
   * while nothing streams) to the speed history.
   *
   * @return whether the sparkline came or went (the bar lays out again)
   */
  boolean refresh(long nowNanos, double tokensPerSecond) {
    now = nowNanos;
    history.add(nowNanos, tokensPerSecond);
    readings = sampler.readingsSince(nowNanos - RateHistory.WINDOW_NANOS);
    rateCount = history.copySince(nowNanos - RateHistory.WINDOW_NANOS, rateTimes, rates);
    showReading(sampler.latest(), readings.size() > 0);
    boolean wanted = readings.size() >= 2;
    spark.plot(nowNanos, readings.nanos(), readings.watts(), readings.size(), rateTimes, rates, rateCount);
    if (wanted) {
      summarize();
    }
    if (chart.isShowing()) {
      updateChart();
    }
    boolean changed = wanted != sparkShown;
    sparkShown = wanted;
    return changed;
  }

  /** Shows the latest reading again without adding to the history (the backend changed). */
  void reshow() {
    showReading(sampler.latest(), readings.size() > 0);
    if (sparkShown) {
      summarize();
    }
    if (chart.isShowing()) {
      updateChart();
    }
  }

  /** Opens the larger chart over the sparkline (a click, Enter or Space on it). */
  void openChart() {
    updateChart();
    chart.show(spark);
  }

  void close() {
    chart.hide();
  }

  private void updateChart() {
    chart.update(now, readings.nanos(), readings.watts(), readings.size(), rateTimes, rates, rateCount, coverage());
  }

  /** What the readings cover, for the chart and the tooltips. */
  private String coverage() {
    String text = "Measured by " + meter.source() + " — covers " + meter.scope() + ".";
    if (!meter.measured()) {
      text = "Estimated by " + meter.source() + ", not measured — covers " + meter.scope() + ".";
    }
    return npu ? text + "\n" + npuNote() : text;
  }

  private static String npuNote() {
    return "Not included: " + PowerMeters.NPU_NOT_INCLUDED + ".\nEstimate: " + PowerMeters.NPU_ESTIMATE + ".";
  }

  private void showReading(OptionalDouble latest, boolean hadReadings) {
    if (latest.isPresent()) {
      long deciwatts = Math.round(latest.getAsDouble() * 10);
      if (deciwatts == shownDeciwatts && npu == shownNpu) {
        return;
      }
      shownDeciwatts = deciwatts;
      shownNpu = npu;
      shownReason = null;
      String text = StatsFormat.number(latest.getAsDouble(), 1) + " W";
      String how = meter.measured() ? "measured by " : "estimated (not measured) by ";
      if (npu) {
        field.show(text + " excl. NPU", text + "*", "Power " + text + " from " + meter.source()
            + ", not including the NPU: " + PowerMeters.NPU_NOT_INCLUDED + ". Estimate: " + PowerMeters.NPU_ESTIMATE);
      } else {
        field.show(text, text, "Power " + text + " from " + meter.source());
      }
      field.tooltip("Power drawn now: " + text + ", " + how + meter.source() + " — covers " + meter.scope()
          + (npu ? ".\n" + npuNote() : ""));
      field.icon(Feather.ZAP);
      return;
    }
    String why = meter.unavailableReason()
        .orElse(hadReadings ? "the last read of " + meter.source() + " gave no reading"
            : "no reading from " + meter.source() + " yet");
    if (why.equals(shownReason) && npu == shownNpu) {
      return;
    }
    shownReason = why;
    shownNpu = npu;
    shownDeciwatts = Long.MIN_VALUE;
    field.show(UNKNOWN + " W", UNKNOWN + " W", "Power unknown: " + why + (npu ? ". The NPU is not included" : ""));
    field.tooltip("Power: no reading. " + MessageStats.capitalized(why)
        + (PowerMeters.isNone(meter) ? ".\n" + PowerMeters.HOW_TO_ENABLE : "") + (npu ? ".\n" + npuNote() : ""));
    field.icon(Feather.ZAP_OFF);
  }

  /** The sparkline's tooltip: the minute's range of watts and its top speed, remade only when they change. */
  private void summarize() {
    double[] watts = readings.watts();
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double w : watts) {
      min = Math.min(min, w);
      max = Math.max(max, w);
    }
    double top = 0;
    for (int i = 0; i < rateCount; i++) {
      top = Math.max(top, rates[i]);
    }
    long key = ((Math.round(min * 10) * 100_003L + Math.round(max * 10)) * 100_003L + Math.round(top)) * 2
        + (npu ? 1 : 0);
    if (key == summaryKey) {
      return;
    }
    summaryKey = key;
    String range = StatsFormat.number(min, 1) + "–" + StatsFormat.number(max, 1) + " W";
    String speed = top > 0 ? "up to " + StatsFormat.number(top, 0) + " tok/s" : "no tokens generated";
    spark.describe("Last minute: " + range + (npu ? " (NPU not included)" : "") + ", " + speed
        + ". Click for the chart.");
  }
}
