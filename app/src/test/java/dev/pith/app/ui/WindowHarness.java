package dev.pith.app.ui;

import dev.pith.app.cli.BackendLoader;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import dev.pith.inference.TokenSink;
import dev.pith.inference.cpu.CpuBackend;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.onnx.optimize.ModelOptimizer;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on a real database in a temporary folder, answering with the tiny random-weight model of
 * the inference module on the real CPU backend.
 */
final class WindowHarness implements AutoCloseable {
  static final Path MODELS = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../inference/target/test-classes/models").normalize();
  static final Path TINY = MODELS.resolve("tiny-genai");

  /** The real CPU backend, with only the exact graph rewrite (fast to load, same tokens every run). */
  static final BackendLoader EXACT = (dir, options) ->
      CpuBackend.load(dir, options.withRewrites(EnumSet.of(ModelOptimizer.Rewrite.LAST_TOKEN_LOGITS)));

  final Path dataDir;
  final Database db;
  final List<String> openedLinks = new ArrayList<>();
  AppContext context;
  ChatWindow window;
  private Stage stage;

  WindowHarness(Path dataDir, Optional<Path> model, BackendLoader loader) {
    this.dataDir = dataDir;
    this.db = Database.open(dataDir);
    this.context = new AppContext(db, dataDir.resolve("models"), model, loader,
        CpuBackendOptions.defaults().withThreads(1), Clock.systemDefaultZone(),
        ZoneId.systemDefault(), Map.of(), PowerSampler.of(PowerMeter.none("no power meter in tests")));
  }

  static WindowHarness tiny(Path dataDir) {
    return new WindowHarness(dataDir, Optional.of(TINY), EXACT);
  }

  /** The tiny model, slowed to {@code millisPerToken} per token so an answer can be stopped midway. */
  static WindowHarness slow(Path dataDir, long millisPerToken) {
    return new WindowHarness(dataDir, Optional.of(TINY),
        (dir, options) -> new Slowed(EXACT.load(dir, options), millisPerToken));
  }

  /**
   * The tiny model on the real CPU backend, recording how it is loaded and what it is asked: see
   * {@link Recording}.
   */
  static WindowHarness recording(Path dataDir, Recording recording) {
    return new WindowHarness(dataDir, Optional.of(TINY), recording);
  }

  /** Replaces the environment the window sees (before {@link #show}). */
  void environment(Map<String, String> environment) {
    context = new AppContext(db, context.modelsDir(), context.model(), context.backends(), context.cpu(),
        context.clock(), context.zone(), environment, context.power(), context.kiosk(), context.exit());
  }

  /** Reads watts from {@code power} instead of no meter (before {@link #show}; the caller closes it). */
  void power(PowerSampler power) {
    context = new AppContext(db, context.modelsDir(), context.model(), context.backends(), context.cpu(),
        context.clock(), context.zone(), context.environment(), power, context.kiosk(), context.exit());
  }

  /** Runs the window in {@code mode}, ending the application with {@code exit} (before {@link #show}). */
  void kiosk(KioskMode mode, Runnable exit) {
    context = context.withKiosk(mode, exit);
  }

  /** Slows the model's tokens to one per {@code millis} from now on (a slowed harness only). */
  void slowTo(long millis) throws Exception {
    WaitForAsyncUtils.asyncFx(() -> ((Slowed) window.controller().modelProperty().get().backend()).millis = millis)
        .get();
  }

  /**
   * Shows the window on {@code stage}; call on the FX thread (a TestFX {@code @Start}). Tests give it a stage
   * of its own, not TestFX's primary stage, so its size and place do not leak into other test classes.
   */
  ChatWindow show(Stage stage) {
    this.stage = stage;
    window = ChatWindow.show(stage, context, ChatWindow.StartState.read(db), openedLinks::add);
    // Headless Monocle delivers the robot's clicks as if the window were at the screen's corner.
    stage.setX(0);
    stage.setY(0);
    return window;
  }

  void waitForModel() throws Exception {
    waitUntil(() -> window.controller().modelProperty().get().isReady(), 60);
  }

  void waitUntilIdle() throws Exception {
    waitUntil(() -> !window.controller().busyProperty().get(), 60);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Checks {@code condition} on the FX thread every 50 ms (leaving it free for pulses in between). */
  static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("the condition did not hold within " + seconds + " s");
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws Exception {
    if (window != null) {
      WaitForAsyncUtils.asyncFx(() -> {
        window.close();
        stage.close();
      }).get(30, TimeUnit.SECONDS);
    }
    db.close();
  }

  /** Loads the real tiny model and records each load's options and each request the window makes. */
  static final class Recording implements BackendLoader {
    final List<CpuBackendOptions> loads = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<GenerationRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public ChatBackend load(Path modelDir, CpuBackendOptions options) throws dev.pith.inference.ModelLoadException {
      loads.add(options);
      return new Wrapped(EXACT.load(modelDir, options)) {
        @Override
        public GenerationStats generate(GenerationRequest request, TokenSink sink, CancellationToken cancel)
            throws GenerationException {
          requests.add(request);
          return real.generate(request, sink, cancel);
        }
      };
    }

    GenerationRequest lastRequest() {
      return requests.get(requests.size() - 1);
    }
  }

  /** A real backend with something added to {@link #generate}; the rest is the real one's. */
  abstract static class Wrapped implements ChatBackend {
    final ChatBackend real;

    Wrapped(ChatBackend real) {
      this.real = real;
    }

    @Override
    public String id() {
      return real.id();
    }

    @Override
    public ModelInfo model() {
      return real.model();
    }

    @Override
    public void close() {
      real.close();
    }
  }

  /** A real backend whose tokens arrive no faster than one per {@code millis}. */
  static final class Slowed extends Wrapped {
    volatile long millis;

    Slowed(ChatBackend real, long millis) {
      super(real);
      this.millis = millis;
    }

    @Override
    public GenerationStats generate(GenerationRequest request, TokenSink sink, CancellationToken cancel)
        throws GenerationException {
      return real.generate(request, (id, text) -> {
        sink.onToken(id, text);
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, cancel);
    }
  }
}
