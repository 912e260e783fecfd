package dev.pith.app.cli;

import dev.pith.app.PithVersion;
import dev.pith.inference.models.Catalog;
import dev.pith.inference.models.DownloadSettings;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.models.ModelStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
/** The root {@code pith} command: global options shared by every subcommand. */
@Command(
    name = "pith",
    mixinStandardHelpOptions = true,
    versionProvider = PithCommand.Version.class,
    description = "Pith, an offline chat assistant. Without arguments `pith` opens the window.",
    subcommands = {ChatCommand.class, GenerateCommand.class, BenchCommand.class, SearchCommand.class,
        ExportCommand.class, ImportCommand.class, ModelsCommand.class, KioskCommand.class, DoctorCommand.class,
        SettingsCommand.class, CloudCommand.class, SanitizeCommand.class, EscalateCommand.class})
public final class PithCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec private CommandSpec spec;

  // INHERIT: also accepted after a subcommand name; picocli writes the value into these fields either way.
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Where Pith keeps models and data (default: $PITH_HOME, else $XDG_DATA_HOME/pith, "
          + "else ~/.local/share/pith).")
  private Path dataDirOption;

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "The model catalog for `pith models` (default: $PITH_CATALOG, else the built-in one).")
  private Path catalogOption;

  @Option(
      names = "--model",
      paramLabel = "DIR|ID",
      description = "Without a subcommand: open the window with this model folder, or the id of a model under "
          + "<data-dir>/models (default: the one set as default in Settings → Models, else the only one there).")
  private String model;

  @Option(
      names = "--kiosk",
      description = "Without a subcommand: open the window in kiosk mode (full screen, no way out without the admin"
          + " PIN, a new conversation after a pause). Needs an admin PIN: pith kiosk set-pin.")
  private boolean kiosk;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Log at DEBUG level and print stack traces of errors.")
  private boolean debug;

  public PithCommand(CliContext context) {
    this.context = context;
  }

  /**
   * {@code pith} with only global options opens the window, with the model named or the only one installed; with
   * {@code --kiosk} only once an admin PIN is set, so that no kiosk starts that nobody can leave.
   */
  @Override
  public Integer call() {
    DataDir dir = dataDir();
    // Without --model the window chooses (the default set in Settings → Models, else the only model).
    Optional<Path> modelDir = model != null ? Optional.of(ModelLocator.locate(model, dir)) : Optional.empty();
    if (kiosk) {
      KioskCommand.requirePin(dir, spec.commandLine().getErr());
    }
    return context.window().open(dir.path(), modelDir, kiosk);
  }

  CliContext context() {
    return context;
  }

  boolean debug() {
    return debug;
  }

  /** The data folder chosen by {@code --data-dir}, the environment or the default. */
  DataDir dataDir() {
    return DataDir.resolve(dataDirOption, context.environment(), context.userHome());
  }

  /** The model catalog chosen by {@code --catalog}, {@code PITH_CATALOG} or the built-in one. */
  Catalog catalog() throws ModelException {
    return Catalogs.load(catalogOption, context.environment());
  }

  /**
   * The models folder, with downloads set up from the environment ({@code PITH_HF_ENDPOINT}, {@code HF_TOKEN},
   * {@code HTTPS_PROXY}).
   */
  ModelStore modelStore() {
    DownloadSettings settings;
    try {
      settings = DownloadSettings.fromEnvironment(context.environment());
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
    return new ModelStore(dataDir().modelsDir(), settings);
  }

  /** Prints {@code pith <version>}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"pith " + PithVersion.get()};
    }
  }
}
