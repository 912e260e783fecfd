package dev.pith.app.cli;

import dev.pith.app.cli.SamplingOptions.SamplingChoice;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.Prompt;
import dev.pith.inference.StopReason;
import dev.pith.inference.hailo.HailoBackend;
import dev.pith.inference.hailo.HailoOptions;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.power.AnswerEnergy;
import dev.pith.inference.power.EnergyUse;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import dev.pith.inference.power.PowerSampler;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith generate}: one answer to one prompt, streamed to stdout, on the CPU or (with {@code --backend hailo})
 * on the NPU through hailo-ollama.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generate one answer and stream it to stdout (stats go to stderr).")
final class GenerateCommand implements Callable<Integer> {
  /** The exit code of an answer cancelled by Ctrl+C, as shells report SIGINT. */
  static final int EXIT_CANCELLED = 130;

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR|ID",
      description = "A model folder, or the id of a model under <data-dir>/models; with --backend hailo, the"
          + " catalog id of an NPU model or a model name hailo-ollama lists.")
  private String model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private PromptSource source;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system message before the prompt.")
  private String system;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256",
      description = "The most tokens to generate (default: ${DEFAULT-VALUE}).")
  private int maxTokens;

  @Mixin private SamplingOptions sampling;

  @Option(names = "--stop", paramLabel = "STR", description = "Stop when the answer contains STR (repeatable).")
  private List<String> stopStrings = new ArrayList<>();

  @Option(names = "--raw", description = "Feed --prompt as it is, without the model's chat template.")
  private boolean raw;

  @Option(names = "--json", description = "Print one JSON object per line: a token line per token, then a done line.")
  private boolean json;

  @Option(names = "--backend", paramLabel = "cpu|hailo", defaultValue = "cpu",
      description = "Where to run the model: cpu, or hailo, the Hailo-10H NPU through hailo-ollama (started from"
          + " the PATH when it is not running; its output goes to <data-dir>/" + NpuBackends.SERVER_LOG
          + ") (default: ${DEFAULT-VALUE}).")
  private BackendChoice backend;

  @Mixin private HailoUrlOption hailoUrl;

  @Mixin private ThreadsOption threads;

  /** Exactly one of {@code --prompt} and {@code --prompt-ids}. */
  static final class PromptSource {
    @Option(names = "--prompt", paramLabel = "TEXT", required = true, description = "The user's message.")
    private String text;

    @Option(names = "--prompt-ids", paramLabel = "ID", split = ",", required = true,
        description = "Token ids fed to the model as they are, e.g. 1,2,3.")
    private int[] ids;
  }

  @Override
  public Integer call() throws ModelLoadException, ModelException, GenerationException {
    SamplingChoice choice = Usage.check(spec, sampling::resolve);
    GenerationRequest request = Usage.check(spec, () -> request(choice));
    int threadCount = Usage.check(spec, threads::get);
    HailoOptions npu = Usage.check(spec, () -> hailoUrl.options(root.context().environment()));
    GenerationOutput output = json ? new JsonOutput(out()) : new PlainOutput(out(), spec.commandLine().getErr());
    Long seed = choice.sampled() ? choice.settings().seed() : null;
    Map<String, String> environment = root.context().environment();
    // the meter is read from before the model loads, so the answer's span is covered by readings from its start
    try (PowerMeter meter = PowerMeters.detect(PowerMeters.sysfsRoot(environment), environment);
        PowerSampler sampler = PowerSampler.of(meter);
        ChatBackend loaded = backend == BackendChoice.hailo
            ? NpuBackends.open(root, model, npu, spec.commandLine().getErr())
            : LoadedModel.open(root, model, threadCount).backend();
        InterruptCancels interrupt = InterruptCancels.install()) {
      long start = System.nanoTime();
      AnswerEnergy energy = new AnswerEnergy(sampler, start);
      GenerationStats stats = loaded.generate(request, (id, text) -> {
        energy.tick(System.nanoTime());
        output.onToken(id, text);
      }, interrupt.token());
      Optional<EnergyUse> use = energy.finish(end(start, stats));
      // the backend that answered says whether the NPU did
      output.done(stats, seed, AnswerPower.of(meter, use, HailoBackend.ID.equals(stats.backend())));
      return stats.stopReason() == StopReason.CANCELLED ? EXIT_CANCELLED : 0;
    }
  }

  /**
   * The end of the answer's span: {@code total_ms} after the request, so that {@code energy_j} covers the time the
   * done line reports (never later than now).
   */
  private static long end(long start, GenerationStats stats) {
    long now = System.nanoTime();
    double total = stats.totalMillis();
    return Double.isFinite(total) && total >= 0 ? Math.min(now, start + (long) (total * 1e6)) : now;
  }

  private GenerationRequest request(SamplingChoice choice) {
    return new GenerationRequest(prompt(), new GenerationSettings(maxTokens, choice.settings(), stopStrings));
  }

  private Prompt prompt() {
    if (backend == BackendChoice.hailo && (source.ids != null || raw)) {
      throw new IllegalArgumentException((raw ? "--raw" : "--prompt-ids") + " needs --backend cpu: hailo-ollama"
          + " takes a chat and applies the model's chat template itself");
    }
    if (source.ids != null) {
      if (raw || system != null) {
        throw new IllegalArgumentException("--prompt-ids cannot be combined with --raw or --system");
      }
      for (int id : source.ids) {
        if (id < 0) {
          throw new IllegalArgumentException("--prompt-ids must be token ids >= 0, got " + id);
        }
      }
      return Prompt.ids(source.ids);
    }
    if (raw) {
      if (system != null) {
        throw new IllegalArgumentException("--system needs the chat template; it cannot be combined with --raw");
      }
      return Prompt.text(source.text);
    }
    List<ChatMessage> messages = new ArrayList<>();
    if (system != null) {
      messages.add(ChatMessage.system(system));
    }
    messages.add(ChatMessage.user(source.text));
    return Prompt.chat(messages);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
