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
 * @param first the first run after loading (not in the medians)
 * @param runs the measured runs
 * @param gcMillis time the JVM spent collecting garbage during the measured runs
 * @param turns the turns of the chat, in order; empty when none was held
 * @param peakRssKib the process's peak RSS after the runs, when the OS reports it
 */
record BenchReport(
    ModelInfo model,
    String backend,
    int threads,
    int promptTokens,
    int genTokens,
    double loadMillis,
    GenerationStats first,
    List<GenerationStats> runs,
    long gcMillis,
    List<GenerationStats> turns,
    OptionalLong peakRssKib) {

  private static final String TABLE_ROW = "%-7s %9s %14s %13s %7s  %s";

  BenchReport {
    runs = List.copyOf(runs);
    turns = List.copyOf(turns);
  }

  /** GC time as a share of the measured runs' wall time. */
  double gcShare() {
    double total = runs.stream().mapToDouble(GenerationStats::totalMillis).sum();
    return total > 0 ? gcMillis / total : Double.NaN;
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
    JsonLines.putNumber(json, "first_ttft_ms", first.ttftMillis());
    json.set("first_run", runJson(first));
    ArrayNode runArray = json.putArray("runs");
    runs.forEach(run -> runArray.add(runJson(run)));
    ObjectNode median = json.putObject("median");
    JsonLines.putNumber(median, "ttft_ms", median(GenerationStats::ttftMillis));
    JsonLines.putNumber(median, "prefill_tps", median(GenerationStats::prefillTokensPerSecond));
    JsonLines.putNumber(median, "decode_tps", median(GenerationStats::decodeTokensPerSecond));
    // The headline numbers at the top level too, so a script needs no nesting.
    JsonLines.putNumber(json, "ttft_ms", median(GenerationStats::ttftMillis));
    JsonLines.putNumber(json, "prefill_tps", median(GenerationStats::prefillTokensPerSecond));
    JsonLines.putNumber(json, "decode_tps", median(GenerationStats::decodeTokensPerSecond));
    json.put("gc_ms", gcMillis);
    JsonLines.putNumber(json, "gc_share", gcShare());
    JsonLines.putNumber(json, "peak_rss_mb", peakRssKib.isPresent() ? peakRssKib.getAsLong() / 1024.0 : Double.NaN);
    if (!turns.isEmpty()) {
      ArrayNode ttft = json.putArray("turn_ttft_ms");
      ArrayNode prompt = json.putArray("turn_prompt_tokens");
      ArrayNode cached = json.putArray("turn_cached_tokens");
      ArrayNode decode = json.putArray("turn_decode_tps");
      for (GenerationStats turn : turns) {
        ttft.add(JsonLines.finiteOrNull(turn.ttftMillis()));
        prompt.add(turn.promptTokens());
        cached.add(turn.cachedPromptTokens());
        decode.add(JsonLines.finiteOrNull(turn.decodeTokensPerSecond()));
      }
    }
    return json;
  }

  private static ObjectNode runJson(GenerationStats run) {
    ObjectNode json = JsonLines.object();
    JsonLines.putNumber(json, "ttft_ms", run.ttftMillis());
    JsonLines.putNumber(json, "prefill_tps", run.prefillTokensPerSecond());
    JsonLines.putNumber(json, "decode_tps", run.decodeTokensPerSecond());
    return json.put("prompt_tokens", run.promptTokens())
        .put("cached_tokens", run.cachedPromptTokens())
        .put("generated_tokens", run.generatedTokens())
        .put("stop_reason", run.stopReason().wireName());
  }

  void printTable(PrintWriter out) {
    out.printf("Model     %s (%s layout)%n", model.name(), model.layout());
    out.printf("Backend   %s, %d threads%n", backend, threads);
    out.printf("Load      %s ms%n", StatsFormat.number(loadMillis, 0));
    out.printf("Workload  %d prompt tokens (fixed pseudo-random ids), %d generated tokens (greedy), "
        + "a first run + %d runs%n%n", promptTokens, genTokens, runs.size());
    row(out, "run", "TTFT ms", "prefill tok/s", "decode tok/s", "tokens", "stop");
    row(out, "first", StatsFormat.number(first.ttftMillis(), 1),
        StatsFormat.number(first.prefillTokensPerSecond(), 1), StatsFormat.number(first.decodeTokensPerSecond(), 1),
        first.generatedTokens(), first.stopReason().wireName());
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
    out.printf("GC        %d ms during the runs (%s %% of their time)%n", gcMillis,
        StatsFormat.number(100 * gcShare(), 2));
    out.printf("Peak RSS  %s%n", peakRss());
    printTurns(out);
    printShortRuns(out);
  }

  private void printTurns(PrintWriter out) {
    if (turns.isEmpty()) {
      return;
    }
    out.printf("%nChat      %d turns; each adds the answer and a new question to the history%n", turns.size());
    row(out, "turn", "TTFT ms", "prompt tokens", "from cache", "decode", "");
    for (int i = 0; i < turns.size(); i++) {
      GenerationStats turn = turns.get(i);
      row(out, i + 1, StatsFormat.number(turn.ttftMillis(), 1), turn.promptTokens(), turn.cachedPromptTokens(),
          StatsFormat.number(turn.decodeTokensPerSecond(), 1), "");
    }
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
