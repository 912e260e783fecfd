package dev.pith.app.ui.stats;

import dev.pith.storage.model.MeasuredAnswer;
import dev.pith.storage.model.MessageMetrics;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The user's own benchmark, worked out from stored answers (plain Java, no JavaFX; run it off the FX thread).
 * Each figure is from the answers that measured it and says how many those are: an answer without a TTFT, a speed
 * or an energy reading is left out of that figure, never counted as zero.
 *
 * @param answers how many answers it is from (finished and stopped ones: {@code AnswerStatsDao})
 * @param speeds per backend and model: TTFT and decode speed percentiles, CPU first, then by model
 * @param series per backend and model (the same order): the medians per {@link #bucket}, oldest first
 * @param bucket the length of a step of the series: a day, or a week (from Monday) when the answers span more
 *     than {@link #WEEKLY_AFTER}
 * @param energy per local backend (CPU, NPU) that has answers: power and energy per token
 */
public record StatsReport(int answers, List<SpeedRow> speeds, Map<Key, List<Point>> series, Bucket bucket,
    List<EnergyRow> energy) {
  /** Longer spans than this are drawn week by week. */
  public static final Duration WEEKLY_AFTER = Duration.ofDays(60);

  public enum Bucket { DAY, WEEK }

  /** A backend (as stored: {@code cpu}, {@code hailo}, {@code cloud}) and a model id. */
  public record Key(String backend, String model) {
    /** "CPU · Qwen2.5-1.5B-Instruct". */
    public String label() {
      return Backends.name(backend) + " · " + (model == null ? "unknown model" : model);
    }
  }

  /**
   * @param answers the answers of this backend and model
   * @param ttftMillis time to first token, of the answers that measured it; null when none did
   * @param decodeTps decode tokens per second, of the answers that measured it; null when none did
   */
  public record SpeedRow(Key key, int answers, Percentile ttftMillis, Percentile decodeTps) {}

  /** The medians of one step of the series; a figure is null when no answer of the step measured it. */
  public record Point(LocalDate start, Percentile ttftMillis, Percentile decodeTps) {}

  /**
   * @param answers the backend's answers
   * @param withEnergy answers with an energy reading and a generated token count above zero: the J/token is theirs
   * @param joules their energy, summed
   * @param tokens their generated tokens, summed
   * @param withWatts answers with an energy and an average power: the average watts is theirs
   * @param averageWatts their energy divided by their time (each answer's time is its energy ÷ its average watts),
   *     so a long answer weighs more than a short one; null when none
   * @param withIdle answers of {@code withEnergy} that also stored the idle draw before them
   * @param aboveIdleJoulesPerToken their energy above idle divided by their tokens; null when none
   * @param sources the power sources the readings came from, as the meters name themselves
   */
  public record EnergyRow(String backend, int answers, int withEnergy, double joules, long tokens, int withWatts,
      Double averageWatts, int withIdle, Double aboveIdleJoulesPerToken, List<String> sources) {
    /** Joules per generated token; null when no answer had an energy reading. */
    public Double joulesPerToken() {
      return withEnergy == 0 ? null : joules / tokens;
    }
  }

  /** The report of {@code answers}, days counted in {@code zone}. */
  public static StatsReport of(List<MeasuredAnswer> answers, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    Map<Key, List<MeasuredAnswer>> byKey = new TreeMap<>(KEY_ORDER);
    Map<String, List<MeasuredAnswer>> byBackend = new TreeMap<>(Comparator.comparingInt(StatsReport::rank)
        .thenComparing(Comparator.naturalOrder()));
    for (MeasuredAnswer a : answers) {
      byKey.computeIfAbsent(new Key(a.backend(), a.modelId()), k -> new ArrayList<>()).add(a);
      if (Backends.local(a.backend())) {
        byBackend.computeIfAbsent(a.backend(), k -> new ArrayList<>()).add(a);
      }
    }
    Bucket bucket = bucketFor(answers);
    List<SpeedRow> speeds = new ArrayList<>();
    Map<Key, List<Point>> series = new LinkedHashMap<>();
    byKey.forEach((key, list) -> {
      speeds.add(new SpeedRow(key, list.size(), Percentile.of(ttfts(list)), Percentile.of(decodeSpeeds(list))));
      series.put(key, series(list, bucket, zone));
    });
    List<EnergyRow> energy = new ArrayList<>();
    byBackend.forEach((backend, list) -> energy.add(energy(backend, list)));
    return new StatsReport(answers.size(), List.copyOf(speeds), series, bucket, List.copyOf(energy));
  }

  /** Whether any answer measured anything the page draws. */
  public boolean measured() {
    return speeds.stream().anyMatch(s -> s.ttftMillis() != null || s.decodeTps() != null)
        || energy.stream().anyMatch(e -> e.withEnergy() > 0);
  }

  private static final Comparator<Key> KEY_ORDER = Comparator.comparingInt((Key k) -> rank(k.backend()))
      .thenComparing(k -> k.backend() == null ? "" : k.backend())
      .thenComparing(k -> k.model() == null ? "" : k.model());

  /** CPU, NPU, the cloud, then anything else. */
  private static int rank(String backend) {
    return Backends.CPU.equals(backend) ? 0 : Backends.NPU.equals(backend) ? 1 : Backends.CLOUD.equals(backend) ? 2
        : 3;
  }

  private static Bucket bucketFor(List<MeasuredAnswer> answers) {
    if (answers.isEmpty()) {
      return Bucket.DAY;
    }
    Duration span = Duration.between(answers.stream().map(MeasuredAnswer::created).min(Comparator.naturalOrder())
        .orElseThrow(), answers.stream().map(MeasuredAnswer::created).max(Comparator.naturalOrder()).orElseThrow());
    return span.compareTo(WEEKLY_AFTER) > 0 ? Bucket.WEEK : Bucket.DAY;
  }

  private static List<Point> series(List<MeasuredAnswer> answers, Bucket bucket, ZoneId zone) {
    TreeMap<LocalDate, List<MeasuredAnswer>> steps = new TreeMap<>();
    for (MeasuredAnswer a : answers) {
      LocalDate day = LocalDate.ofInstant(a.created(), zone);
      LocalDate start = bucket == Bucket.DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      steps.computeIfAbsent(start, d -> new ArrayList<>()).add(a);
    }
    List<Point> out = new ArrayList<>();
    steps.forEach((start, list) -> {
      Percentile ttft = Percentile.of(ttfts(list));
      Percentile tps = Percentile.of(decodeSpeeds(list));
      if (ttft != null || tps != null) {
        out.add(new Point(start, ttft, tps));
      }
    });
    return List.copyOf(out);
  }

  private static List<Double> ttfts(List<MeasuredAnswer> answers) {
    List<Double> out = new ArrayList<>();
    for (MeasuredAnswer a : answers) {
      Double t = a.metrics().ttftMillis();
      if (t != null && Double.isFinite(t) && t >= 0) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<Double> decodeSpeeds(List<MeasuredAnswer> answers) {
    List<Double> out = new ArrayList<>();
    for (MeasuredAnswer a : answers) {
      Double tps = a.metrics().decodeTps();
      if (tps != null && Double.isFinite(tps) && tps > 0) {
        out.add(tps);
      }
    }
    return out;
  }

  private static EnergyRow energy(String backend, List<MeasuredAnswer> answers) {
    int withEnergy = 0;
    double joules = 0;
    long tokens = 0;
    int withWatts = 0;
    double wattJoules = 0;
    double seconds = 0;
    int withIdle = 0;
    double aboveIdle = 0;
    long idleTokens = 0;
    TreeSet<String> sources = new TreeSet<>();
    for (MeasuredAnswer a : answers) {
      MessageMetrics m = a.metrics();
      Double e = m.energyJoules();
      if (e == null || !Double.isFinite(e) || e < 0) {
        continue; // no reading: not zero energy, no energy figure at all
      }
      Double watts = m.averageWatts();
      if (watts != null && Double.isFinite(watts) && watts > 0) {
        withWatts++;
        wattJoules += e;
        seconds += e / watts;
      }
      Integer generated = m.generatedTokens();
      if (generated == null || generated <= 0) {
        continue;
      }
      withEnergy++;
      joules += e;
      tokens += generated;
      if (m.powerSource() != null && !m.powerSource().isBlank()) {
        sources.add(m.powerSource());
      }
      Double above = m.energyAboveIdleJoules();
      if (above != null && Double.isFinite(above)) {
        withIdle++;
        aboveIdle += above;
        idleTokens += generated;
      }
    }
    return new EnergyRow(backend, answers.size(), withEnergy, joules, tokens, withWatts,
        withWatts == 0 ? null : wattJoules / seconds, withIdle, withIdle == 0 ? null : aboveIdle / idleTokens,
        List.copyOf(sources));
  }
}
