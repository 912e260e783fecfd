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
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith bench}: load time, then one warm-up and N measured runs of a fixed prompt with greedy
 * decoding; TTFT, prefill and decode speed per run and their median, and the peak RSS.
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
      description = "Measured runs after one warm-up (default: ${DEFAULT-VALUE}).")
  private int runs;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "CPU threads for the model (default: 0 = automatic).")
  private int threads;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  private boolean json;

  @Override
  public Integer call() throws ModelLoadException, GenerationException {
    validate();
    try (LoadedModel loaded = LoadedModel.open(root, model, threads)) {
      ModelInfo info = loaded.backend().model();
      requireFits(info);
      GenerationRequest request = new GenerationRequest(
          Prompt.ids(promptIds(promptTokens, info.vocabSize())), GenerationSettings.greedy(genTokens));
      generate(loaded, request); // warm-up: first-run allocations and JIT, not measured
      List<GenerationStats> measured = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        measured.add(generate(loaded, request));
      }
      print(new BenchReport(info, loaded.backend().id(), loaded.options().effectiveThreads(), promptTokens,
          genTokens, loaded.loadMillis(), measured, PeakMemory.peakRssKib()));
      return 0;
    }
  }

  /** {@code count} pseudo-random ids in {@code [0, min(vocabSize, 1000))}, the same on every call. */
  static int[] promptIds(int count, int vocabSize) {
    int bound = vocabSize > 0 ? Math.min(vocabSize, PROMPT_ID_BOUND) : PROMPT_ID_BOUND;
    return new Random(PROMPT_SEED).ints(count, 0, bound).toArray();
  }

  private void validate() {
    requirePositive("--prompt-tokens", promptTokens);
    requirePositive("--gen-tokens", genTokens);
    requirePositive("--runs", runs);
    if (threads < 0) {
      throw new ParameterException(spec.commandLine(), "--threads must be >= 0 (0 = automatic), got " + threads);
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
  }

  private static GenerationStats generate(LoadedModel loaded, GenerationRequest request) throws GenerationException {
    return loaded.backend().generate(request, TokenSink.NONE, new CancellationToken());
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
