package dev.pith.app.ui.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.model.MeasuredAnswer;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsReportTest {
  private static final Instant DAY1 = Instant.parse("2026-11-02T10:00:00Z"); // a Monday

  @Test
  void percentilesAreByNearestRank() {
    assertEquals(new Percentile(4, 2, 4), Percentile.of(List.of(4.0, 1.0, 3.0, 2.0)));
    assertEquals(new Percentile(1, 7, 7), Percentile.of(List.of(7.0)));
    List<Double> hundred = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      hundred.add((double) i);
    }
    assertEquals(new Percentile(100, 50, 95), Percentile.of(hundred));
    List<Double> twenty = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      twenty.add((double) i);
    }
    assertEquals(new Percentile(20, 10, 19), Percentile.of(twenty), "rank ⌈0.95 × 20⌉ = 19");
    assertNull(Percentile.of(List.of()));
  }

  @Test
  void speedsArePerBackendAndModelFromTheAnswersThatMeasuredThem() {
    List<MeasuredAnswer> answers = List.of(
        cpu(DAY1, "qwen", 100, 500.0, 10.0, null, null),
        cpu(DAY1, "qwen", 100, 700.0, 12.0, null, null),
        cpu(DAY1, "qwen", 100, null, null, null, null), // measured nothing: in the count, in no percentile
        cpu(DAY1, "qwen", 100, 900.0, 8.0, null, null),
        answer("hailo", DAY1, "qwen-npu", 80, 300.0, 6.5, null, null, null),
        cpu(DAY1, "deepseek", 50, 1500.0, 9.0, null, null));

    StatsReport report = StatsReport.of(answers, ZoneOffset.UTC);

    assertEquals(6, report.answers());
    assertEquals(List.of(
        new StatsReport.SpeedRow(new StatsReport.Key("cpu", "deepseek"), 1, new Percentile(1, 1500, 1500),
            new Percentile(1, 9, 9)),
        new StatsReport.SpeedRow(new StatsReport.Key("cpu", "qwen"), 4, new Percentile(3, 700, 900),
            new Percentile(3, 10, 12)),
        new StatsReport.SpeedRow(new StatsReport.Key("hailo", "qwen-npu"), 1, new Percentile(1, 300, 300),
            new Percentile(1, 6.5, 6.5))),
        report.speeds(), "CPU first; an answer that measured nothing is in no percentile");
    assertTrue(report.measured());
  }

  @Test
  void theSeriesHasADailyMedianAndWeeklyOnesForLongSpans() {
    List<MeasuredAnswer> days = List.of(
        cpu(DAY1, "qwen", 100, 500.0, 10.0, null, null),
        cpu(DAY1.plus(Duration.ofHours(2)), "qwen", 100, 900.0, 12.0, null, null),
        cpu(DAY1.plus(Duration.ofDays(2)), "qwen", 100, 1200.0, 11.0, null, null),
        cpu(DAY1.plus(Duration.ofDays(3)), "qwen", 100, null, null, null, null));

    StatsReport daily = StatsReport.of(days, ZoneOffset.UTC);

    assertEquals(StatsReport.Bucket.DAY, daily.bucket());
    assertEquals(List.of(
        new StatsReport.Point(LocalDate.of(2026, 11, 2), new Percentile(2, 500, 900), new Percentile(2, 10, 12)),
        new StatsReport.Point(LocalDate.of(2026, 11, 4), new Percentile(1, 1200, 1200), new Percentile(1, 11, 11))),
        daily.series().get(new StatsReport.Key("cpu", "qwen")), "a day without a measurement has no point");

    List<MeasuredAnswer> months = new ArrayList<>(days);
    months.add(cpu(DAY1.plus(Duration.ofDays(70)), "qwen", 100, 800.0, 9.0, null, null));
    StatsReport weekly = StatsReport.of(months, ZoneOffset.UTC);
    assertEquals(StatsReport.Bucket.WEEK, weekly.bucket());
    List<StatsReport.Point> points = weekly.series().get(new StatsReport.Key("cpu", "qwen"));
    assertEquals(List.of(LocalDate.of(2026, 11, 2), LocalDate.of(2027, 1, 11)),
        points.stream().map(StatsReport.Point::start).toList(), "weeks start on Monday");
    assertEquals(new Percentile(3, 900, 1200), points.get(0).ttftMillis());
  }

  @Test
  void wattsAreEnergyWeightedAndJoulesPerTokenLeavesOutAnswersWithoutEnergy() {
    List<MeasuredAnswer> answers = List.of(
        // 60 J at 6 W: 10 s; 100 tokens
        cpu(DAY1, "qwen", 100, 500.0, 10.0, 60.0, 6.0),
        // 160 J at 8 W: 20 s; 300 tokens; idle 3 W: 160 - 3 × 20 = 100 J above idle
        answerIdle(DAY1, 300, 160.0, 8.0, 3.0),
        // no energy reading: not zero energy, left out of every energy figure
        cpu(DAY1, "qwen", 500, 500.0, 10.0, null, 7.0),
        // the cloud's answers are not this machine's energy
        answer("cloud", DAY1, "gpt", 100, 900.0, 40.0, 10.0, 5.0, null));

    StatsReport report = StatsReport.of(answers, ZoneOffset.UTC);

    assertEquals(1, report.energy().size(), "local backends only");
    StatsReport.EnergyRow cpu = report.energy().get(0);
    assertEquals("cpu", cpu.backend());
    assertEquals(3, cpu.answers());
    assertEquals(2, cpu.withEnergy());
    assertEquals(220.0 / 400, cpu.joulesPerToken(), 1e-12);
    assertEquals(2, cpu.withWatts());
    assertEquals(220.0 / 30, cpu.averageWatts(), 1e-12, "Σ energy ÷ Σ time, not the mean of 6 and 8");
    assertEquals(1, cpu.withIdle());
    assertEquals(100.0 / 300, cpu.aboveIdleJoulesPerToken(), 1e-12);
    assertEquals(List.of("Pi 5 PMIC"), cpu.sources());
  }

  @Test
  void answersWithoutAnyMeasurementMakeAnEmptyReport() {
    StatsReport none = StatsReport.of(List.of(), ZoneOffset.UTC);
    assertFalse(none.measured());
    assertEquals(0, none.answers());
    StatsReport unmeasured = StatsReport.of(List.of(cpu(DAY1, "qwen", 10, null, null, null, null)), ZoneOffset.UTC);
    assertFalse(unmeasured.measured());
    assertNull(unmeasured.energy().get(0).joulesPerToken());
    assertNull(unmeasured.energy().get(0).averageWatts());
  }

  private static MeasuredAnswer cpu(Instant at, String model, int tokens, Double ttft, Double tps, Double joules,
      Double watts) {
    return answer("cpu", at, model, tokens, ttft, tps, joules, watts, null);
  }

  private static MeasuredAnswer answerIdle(Instant at, int tokens, double joules, double watts, double idle) {
    return answer("cpu", at, "qwen", tokens, 600.0, 11.0, joules, watts, idle);
  }

  static MeasuredAnswer answer(String backend, Instant at, String model, int tokens, Double ttft, Double tps,
      Double joules, Double watts, Double idle) {
    return new MeasuredAnswer(at, MessageStatus.COMPLETE, model, backend, new MessageMetrics(20, tokens, ttft, tps,
        joules, watts, joules == null ? null : "Pi 5 PMIC", idle));
  }
}
