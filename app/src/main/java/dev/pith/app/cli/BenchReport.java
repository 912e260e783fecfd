package dev.pith.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * The result of {@code pith bench}, rendered as a table or as one JSON object.
 *
 * @param model what was loaded
 * @param backend the backend id
 * @param threads CPU threads used
 * @param promptTokens prompt length asked for
 * @param genTokens tokens asked for per run
 * @param loadMillis model load time
 * @param runs the measured runs (the warm-up is not included)
 * @param peakRssKib the process's peak RSS after the runs, when the OS reports it
 */
record BenchReport(
    ModelInfo model,
    String backend,
    int threads,
    int promptTokens,
    int genTokens,
    double loadMillis,
    List<GenerationStats> runs,
    OptionalLong peakRssKib) {

  private static final String TABLE_ROW = "%-7s %9s %14s %13s %7s  %s";

  BenchReport {
    runs = List.copyOf(runs);
  }

  /** The median of a per-run number over the runs where it is known; NaN when it is known in none. */
  double median(ToDoubleFunction<GenerationStats> metric) {
    double[] values = runs.stream().mapToDouble(metric).filter(Double::isFinite).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  ObjectNode toJson() {
    ObjectNode json = JsonLines.object()
        .put("type", "bench")
        .put("model", model.name())
        .put("layout", model.layout())
        .put("backend", backend)
        .put("threads", threads)
        .put("prompt_tokens", promptTokens)
        .put("gen_tokens", genTokens);
    JsonLines.putNumber(json, "load_ms", loadMillis);
    json.put("warmup_runs", 1);
    ArrayNode runArray = json.putArray("runs");
    runs.forEach(run -> runArray.add(runJson(run)));
    ObjectNode median = json.putObject("median");
    JsonLines.putNumber(median, "ttft_ms", median(GenerationStats::ttftMillis));
    JsonLines.putNumber(median, "prefill_tps", median(GenerationStats::prefillTokensPerSecond));
    JsonLines.putNumber(median, "decode_tps", median(GenerationStats::decodeTokensPerSecond));
    JsonLines.putNumber(json, "peak_rss_mib", peakRssKib.isPresent() ? peakRssKib.getAsLong() / 1024.0 : Double.NaN);
    return json;
  }

  private static ObjectNode runJson(GenerationStats run) {
    ObjectNode json = JsonLines.object();
    JsonLines.putNumber(json, "ttft_ms", run.ttftMillis());
    JsonLines.putNumber(json, "prefill_tps", run.prefillTokensPerSecond());
    JsonLines.putNumber(json, "decode_tps", run.decodeTokensPerSecond());
    return json.put("prompt_tokens", run.promptTokens())
        .put("generated_tokens", run.generatedTokens())
        .put("stop_reason", run.stopReason().wireName());
  }

  void printTable(PrintWriter out) {
    out.printf("Model     %s (%s layout)%n", model.name(), model.layout());
    out.printf("Backend   %s, %d threads%n", backend, threads);
    out.printf("Load      %s ms%n", StatsFormat.number(loadMillis, 0));
    out.printf("Workload  %d prompt tokens (fixed pseudo-random ids), %d generated tokens (greedy), "
        + "1 warm-up + %d runs%n%n", promptTokens, genTokens, runs.size());
    row(out, "run", "TTFT ms", "prefill tok/s", "decode tok/s", "tokens", "stop");
    for (int i = 0; i < runs.size(); i++) {
      GenerationStats run = runs.get(i);
      row(out, i + 1, StatsFormat.number(run.ttftMillis(), 1),
          StatsFormat.number(run.prefillTokensPerSecond(), 1), StatsFormat.number(run.decodeTokensPerSecond(), 1),
          run.generatedTokens(), run.stopReason().wireName());
    }
    row(out, "median", StatsFormat.number(median(GenerationStats::ttftMillis), 1),
        StatsFormat.number(median(GenerationStats::prefillTokensPerSecond), 1),
        StatsFormat.number(median(GenerationStats::decodeTokensPerSecond), 1), "", "");
    out.println();
    out.printf("Peak RSS  %s%n", peakRss());
    printShortRuns(out);
  }

  private static void row(PrintWriter out, Object... cells) {
    out.println(String.format(Locale.ROOT, TABLE_ROW, cells).stripTrailing());
  }

  private String peakRss() {
    return peakRssKib.isPresent()
        ? String.format(Locale.ROOT, "%.1f MiB", peakRssKib.getAsLong() / 1024.0)
        : "n/a (this OS has no /proc/self/status)";
  }

  /** Greedy decoding cannot be told to ignore EOS, so a run may end early; say so rather than hide it. */
  private void printShortRuns(PrintWriter out) {
    for (int i = 0; i < runs.size(); i++) {
      GenerationStats run = runs.get(i);
      if (run.generatedTokens() < genTokens) {
        out.printf("Note: run %d ended (%s) after %d of %d tokens; its decode tok/s covers those tokens only.%n",
            i + 1, run.stopReason().wireName(), run.generatedTokens(), genTokens);
      }
    }
  }
}
