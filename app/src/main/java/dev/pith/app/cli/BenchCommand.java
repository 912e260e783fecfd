package dev.pith.app.cli;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.Prompt;
import dev.pith.inference.TokenSink;
import dev.pith.inference.cpu.CpuBackendOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith bench}: load time, then a first run (the first prompt after start-up) and N measured runs of
 * fixed prompts with greedy decoding; TTFT, prefill and decode speed per run and their median, the GC time
 * during the measured runs and the peak RSS. With {@code --turns N} it then holds an N-turn chat, each turn
 * adding the answer and a new question to the history, and reports each turn's TTFT: with the history kept
 * in the KV cache, a late turn starts as fast as the first.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure load time, time to first token, prefill and decode speed on a fixed prompt.")
final class BenchCommand implements Callable<Integer> {
  /** The seed of the prompt's token ids: every bench of a model feeds the same prompt. */
  static final long PROMPT_SEED = 42L;
  /** Prompt ids are drawn below this (or below the vocabulary size, if smaller). */
  static final int PROMPT_ID_BOUND = 1000;

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR|ID",
      description = "A model folder, or the id of a model under <data-dir>/models.")
  private String model;

  @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "96",
      description = "Prompt length in tokens (default: ${DEFAULT-VALUE}).")
  private int promptTokens;

  @Option(names = "--gen-tokens", paramLabel = "M", defaultValue = "128",
      description = "Tokens to generate per run (default: ${DEFAULT-VALUE}).")
  private int genTokens;

  @Option(names = "--runs", paramLabel = "R", defaultValue = "3",
      description = "Measured runs after the first one (default: ${DEFAULT-VALUE}).")
  private int runs;

  @Option(names = "--turns", paramLabel = "N", defaultValue = "0",
      description = "Then hold an N-turn chat and report each turn's TTFT (default: ${DEFAULT-VALUE}, no chat).")
  private int turns;

  @Option(names = "--turn-tokens", paramLabel = "T", defaultValue = "32",
      description = "Tokens of each new question in the chat (default: ${DEFAULT-VALUE}).")
  private int turnTokens;

  @Mixin private ThreadsOption threads;

  @Option(names = "--no-warm-up",
      description = "Skip the model's warm-up run at load (to measure what it saves the first question).")
  private boolean noWarmUp;

  @Option(names = "--no-optimize",
      description = "Load the model's ONNX file as it is, without Pith's graph rewrites (to measure them).")
  private boolean noOptimize;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  private boolean json;

  @Override
  public Integer call() throws ModelLoadException, GenerationException {
    validate();
    int threadCount = Usage.check(spec, threads::get);
    CpuBackendOptions options = CpuBackendOptions.defaults().withThreads(threadCount).withWarmUp(!noWarmUp);
    if (noOptimize) {
      options = options.withRewrites(Set.of());
    }
    try (LoadedModel loaded = LoadedModel.open(root, model, options)) {
      ModelInfo info = loaded.backend().model();
      requireFits(info);
      // The first prompt after start-up: shows whether loading left one-time costs for the user's first question.
      GenerationStats first = generate(loaded, promptIds(promptTokens, info.vocabSize(), 0), null);
      List<GenerationStats> measured = new ArrayList<>();
      long gcBefore = GcTime.totalMillis();
      for (int i = 1; i <= runs; i++) {
        measured.add(generate(loaded, promptIds(promptTokens, info.vocabSize(), i), null));
      }
      long gcMillis = GcTime.totalMillis() - gcBefore;
      List<GenerationStats> chat = chat(loaded, info.vocabSize());
      print(new BenchReport(info, loaded.backend().id(), loaded.options().effectiveThreads(), promptTokens,
          genTokens, loaded.loadMillis(), first, measured, gcMillis, chat, PeakMemory.peakRssKib()));
      return 0;
    }
  }

  /** Each turn's prompt is the previous one plus its answer plus a new question of {@code turnTokens} ids. */
  private List<GenerationStats> chat(LoadedModel loaded, int vocabSize) throws GenerationException {
    List<GenerationStats> stats = new ArrayList<>();
    int[] history = promptIds(promptTokens, vocabSize, runs + 1);
    for (int turn = 0; turn < turns; turn++) {
      if (turn > 0) {
        history = append(history, promptIds(turnTokens, vocabSize, runs + 1 + turn));
      }
      List<Integer> answer = new ArrayList<>();
      stats.add(generate(loaded, history, answer));
      history = append(history, answer.stream().mapToInt(Integer::intValue).toArray());
    }
    return stats;
  }

  private static int[] append(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * {@code count} pseudo-random ids in {@code [0, min(vocabSize, 1000))}, the same for the same {@code run}.
   * The first id is the run number, so no run starts with another's tokens (the backend would reuse them
   * from its cache and the run would measure less than a full prompt).
   */
  static int[] promptIds(int count, int vocabSize, int run) {
    int bound = vocabSize > 0 ? Math.min(vocabSize, PROMPT_ID_BOUND) : PROMPT_ID_BOUND;
    int[] ids = new Random(PROMPT_SEED + run).ints(count, 0, bound).toArray();
    ids[0] = run % bound;
    return ids;
  }

  private void validate() {
    requirePositive("--prompt-tokens", promptTokens);
    requirePositive("--gen-tokens", genTokens);
    requirePositive("--runs", runs);
    requirePositive("--turn-tokens", turnTokens);
    if (turns < 0) {
      throw new ParameterException(spec.commandLine(), "--turns must be >= 0, got " + turns);
    }
  }

  private void requirePositive(String option, int value) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(), option + " must be >= 1, got " + value);
    }
  }

  private void requireFits(ModelInfo info) {
    if (info.contextLength() > 0 && promptTokens + genTokens > info.contextLength()) {
      throw new CliException("--prompt-tokens " + promptTokens + " + --gen-tokens " + genTokens
          + " exceed the model's context of " + info.contextLength() + " tokens");
    }
    long chat = promptTokens + (long) turns * genTokens + (long) Math.max(0, turns - 1) * turnTokens;
    if (turns > 0 && info.contextLength() > 0 && chat > info.contextLength()) {
      throw new CliException("a " + turns + "-turn chat needs " + chat + " tokens, more than the model's context of "
          + info.contextLength() + " tokens; use fewer --turns or --gen-tokens");
    }
  }

  /** One greedy answer to {@code ids}; its token ids are added to {@code answer} when it is not null. */
  private GenerationStats generate(LoadedModel loaded, int[] ids, List<Integer> answer) throws GenerationException {
    TokenSink sink = answer == null ? TokenSink.NONE : (id, text) -> {
      if (id != TokenSink.NO_TOKEN) {
        answer.add(id);
      }
    };
    GenerationRequest request = new GenerationRequest(Prompt.ids(ids), GenerationSettings.greedy(genTokens));
    return loaded.backend().generate(request, sink, new CancellationToken());
  }

  private void print(BenchReport report) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonLines.line(report.toJson()));
    } else {
      report.printTable(out);
    }
    out.flush();
  }
}
