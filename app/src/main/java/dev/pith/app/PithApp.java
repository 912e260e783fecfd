package dev.pith.app;

import dev.pith.app.cli.BackendLoader;
import dev.pith.app.cli.Catalogs;
import dev.pith.app.cli.DataDir;
import dev.pith.app.cli.ModelLocator;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.app.kiosk.PinRecordException;
import dev.pith.app.ui.AppContext;
import dev.pith.app.ui.ChatWindow;
import dev.pith.app.ui.UiSettings;
import dev.pith.app.ui.WindowBackends;
import dev.pith.app.ui.settings.SettingsStore;
import dev.pith.inference.OneLine;
import dev.pith.inference.cpu.CpuBackend;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.hailo.HailoOptions;
import dev.pith.inference.models.Catalog;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pith window as a JavaFX application. {@link #init()} (on the launcher thread, before any window) opens
 * the database, which may check or repair it, and reads the window's settings; {@link #start} builds the
 * window; {@link #stop()} saves its state and closes the database cleanly.
 *
 * <p>Kiosk mode ({@code --kiosk}, or the saved setting) needs an admin PIN, so that no kiosk starts that nobody
 * can leave. Asked for with {@code --kiosk} and no PIN set, the window does not open: one line on stderr, exit code
 * 2 (as {@code pith --kiosk} refuses before it gets here). Switched on in the settings with no PIN set, the window
 * opens as a normal window, and its banner and the log say why: locking staff out of their own machine would be
 * worse than a kiosk that is not one yet.
 */
public final class PithApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(PithApp.class);
  static final String DATA_DIR = "data-dir";
  static final String MODEL = "model";
  static final String KIOSK = "kiosk";
  private static volatile int exitCode;

  private Database db;
  private AppContext context;
  private ChatWindow.StartState startState;
  private String failure;
  /** Why the window refuses to open as a kiosk ({@code --kiosk} without a PIN); null when it may open. */
  private String kioskRefusal;
  /** Said in the banner at start (kiosk mode is on in the settings but cannot run); null when nothing is. */
  private String startNote;
  private ChatWindow window;
  private ExitOnSignal exitOnSignal;
  /** The machine's meter, chosen once here (a Pi 5 PMIC probe runs vcgencmd) and closed in {@link #stop()}. */
  private PowerMeter power;
  private PowerSampler powerSampler;

  static int exitCode() {
    return exitCode;
  }

  @Override
  public void init() {
    exitCode = 0;
    exitOnSignal = ExitOnSignal.install(Duration.ofSeconds(5));
    Map<String, String> named = getParameters().getNamed();
    Map<String, String> env = System.getenv();
    Path home = Path.of(System.getProperty("user.home"));
    DataDir dataDir = DataDir.resolve(named.containsKey(DATA_DIR) ? Path.of(named.get(DATA_DIR)) : null, env, home);
    power = PowerMeters.detect(PowerMeters.sysfsRoot(env), env);
    LOG.info("power meter: {}, covering {}{}", power.source(), power.scope(),
        power.unavailableReason().map(reason -> " (" + reason + ")").orElse(""));
    powerSampler = PowerSampler.of(power);
    try {
      db = Database.open(dataDir.path());
      db.openReport().repairMessage().ifPresent(LOG::warn);
      startState = ChatWindow.StartState.read(db);
      // Without --model: the default chosen in Settings → Models, else the only installed model.
      Optional<Path> model = named.containsKey(MODEL) ? Optional.of(Path.of(named.get(MODEL)))
          : ModelLocator.preferred(dataDir, startState.settings().defaultModel());
      SettingsStore settings = startState.settings();
      BackendLoader backends = new WindowBackends(CpuBackend::load, () -> settings.backend().backend(),
          HailoOptions.fromEnvironment(env).withServerLog(dataDir.path().resolve("hailo-ollama.log")),
          catalog(env));
      context = new AppContext(db, dataDir.modelsDir(), model, backends, CpuBackendOptions.defaults(),
          Clock.systemDefaultZone(), ZoneId.systemDefault(), env, powerSampler)
          .withKiosk(kioskMode(Boolean.parseBoolean(named.get(KIOSK))), Platform::exit);
    } catch (RuntimeException e) {
      LOG.error("cannot open the database in {}", dataDir.path(), e);
      failure = "Pith cannot open its database in " + dataDir.path() + ": " + OneLine.of(e.getMessage());
    }
  }

  /**
   * Kiosk mode when it is asked for ({@code asked}) or switched on, and an admin PIN is set; otherwise a normal
   * window, with {@link #kioskRefusal} or {@link #startNote} saying why.
   */
  private KioskMode kioskMode(boolean asked) {
    KioskSettings settings = KioskStore.settings(db);
    if (!asked && !settings.enabled()) {
      return KioskMode.OFF;
    }
    String missing;
    try {
      if (KioskStore.pin(db).isPresent()) {
        LOG.info("starting in kiosk mode (idle {}, policy {})", settings.idle(), settings.policy().id());
        return KioskMode.on(settings);
      }
      missing = "kiosk mode needs an admin PIN first: run pith kiosk set-pin";
    } catch (PinRecordException e) {
      missing = e.getMessage();
    }
    if (asked) {
      kioskRefusal = missing;
    } else {
      startNote = "Kiosk mode is on in Settings → Kiosk, but Pith opened as a normal window: " + missing
          + " (or set one in Settings → Kiosk).";
      LOG.warn(startNote);
    }
    return KioskMode.OFF;
  }

  /** The model catalog, for the NPU twins of CPU models; a broken PITH_CATALOG leaves the window on the CPU. */
  private static Catalog catalog(Map<String, String> env) {
    try {
      return Catalogs.load(null, env);
    } catch (ModelException e) {
      LOG.warn("no model catalog, so no NPU models: {}", e.getMessage());
      return Catalog.empty("(none: " + e.getMessage() + ")");
    }
  }

  @Override
  public void start(Stage stage) {
    for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
      String icon = PithApp.class.getResource("icons/pith-" + size + ".png").toExternalForm();
      stage.getIcons().add(new Image(icon, true));
    }
    if (failure != null) {
      showFailure(stage, failure);
      return;
    }
    if (kioskRefusal != null) {
      exitCode = 2;
      System.err.println("pith: " + kioskRefusal);
      Platform.exit();
      return;
    }
    window = ChatWindow.show(stage, context, startState, url -> getHostServices().showDocument(url));
    if (startNote != null) {
      window.controller().showProblem(startNote);
    }
    StartupReport.onFirstFrame(stage.getScene(), System.getenv(), System.err);
  }

  @Override
  public void stop() {
    try {
      if (window != null) {
        window.close();
      }
      if (db != null) {
        db.close();
      }
      if (powerSampler != null) {
        powerSampler.close();
      }
      if (power != null) {
        power.close();
      }
    } finally {
      exitOnSignal.stopped();
    }
  }

  /** The one thing the window can say when there is no database: what is wrong, and a way out. */
  private static void showFailure(Stage stage, String message) {
    exitCode = 1;
    System.err.println("pith: " + message);
    Label text = new Label(message + "\n\nRun `pith doctor` in a terminal to see what Pith sees.");
    text.setWrapText(true);
    Button quit = new Button("Quit");
    quit.setDefaultButton(true);
    quit.setOnAction(e -> Platform.exit());
    VBox box = new VBox(16, text, quit);
    box.setPadding(new Insets(24));
    box.setPrefWidth(520);
    stage.setTitle("Pith");
    stage.setScene(new Scene(box));
    stage.show();
  }
}
