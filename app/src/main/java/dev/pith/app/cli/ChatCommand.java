package dev.pith.app.cli;

import dev.pith.app.cli.SamplingOptions.SamplingChoice;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pith chat}: a chat in the terminal, stored in the same database as the window's. */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {"Chat in the terminal; conversations are stored with the window's.",
        "Without a terminal, reads one message per line from stdin and prints only the answers."})
final class ChatCommand implements Callable<Integer> {
  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR|ID",
      description = "A model folder, or the id of a model under <data-dir>/models (default: the only one there).")
  private String model;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "512",
      description = "The most tokens of one answer (default: ${DEFAULT-VALUE}).")
  private int maxTokens;

  @Mixin private SamplingOptions sampling;

  @Mixin private ThreadsOption threads;

  @Override
  public Integer call() throws ModelLoadException, IOException {
    SamplingChoice choice = Usage.check(spec, sampling::resolve);
    GenerationSettings settings =
        Usage.check(spec, () -> new GenerationSettings(maxTokens, choice.settings(), List.of()));
    CpuBackendOptions options = CpuBackendOptions.defaults().withThreads(Usage.check(spec, threads::get));
    Path modelDir = model != null ? ModelLocator.locate(model, root.dataDir()) : ModelLocator.only(root.dataDir());
    Terminal terminal = root.context().terminal();
    Map<String, String> environment = root.context().environment();
    ChatConsole console = new ChatConsole(spec.commandLine().getOut(), spec.commandLine().getErr(),
        terminal.interactive());
    try (Database db = Databases.open(root.dataDir(), console.err());
        LoadedModel loaded = LoadedModel.open(root, modelDir, options);
        ChatInterrupts interrupts = ChatInterrupts.install(console);
        PowerMeter meter = PowerMeters.detect(PowerMeters.sysfsRoot(environment), environment);
        PowerSampler power = PowerSampler.of(meter)) {
      ChatModel chatModel = new ChatModel(loaded.backend(), modelDir.getFileName().toString(), settings, power);
      if (choice.sampled()) {
        console.note("Sampling with seed " + choice.settings().seed() + " (--seed repeats it).");
      }
      return new ChatSession(db, chatModel, interrupts, console).run(new BufferedReader(terminal.in()));
    }
  }
}
