package dev.pith.app.bench;

import dev.pith.app.cli.BackendLoader;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.ui.AppContext;
import dev.pith.app.ui.ChatWindow;
import dev.pith.app.ui.UiSettings;
import dev.pith.app.ui.chat.ChatController;
import dev.pith.app.ui.settings.BackendPage;
import dev.pith.app.ui.settings.GenerationPage;
import dev.pith.app.ui.settings.GenerationPrefs;
import dev.pith.app.ui.settings.ModelsPage;
import dev.pith.app.ui.settings.SettingsPage;
import dev.pith.app.ui.settings.SettingsStore;
import dev.pith.app.ui.theme.Appearance;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.Database;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.TitledPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes the README's screenshots of the real window: the empty state, a streamed answer with a code block,
 * a reasoning answer with its Thinking section, in the dark and light themes, the window at the Pi touch
 * display's 800×480, Settings (Generation, dark, at 1280×800 and 800×480; Backend, light), and kiosk mode at
 * 800×480 (a short answer; the staff PIN pad: under Xvfb, whose missing window manager leaves the kiosk's
 * full-screen window at the size asked for), Stats (dark and light, 800×480 at the top and at its cost panel) on
 * {@link StatsSeed}'s made-up three weeks of answers, and the status bar's live watts and sparkline and its power
 * chart (from {@link DemoMeter}: made-up readings of a Pi 5 PMIC, as no meter can be had here), and Ask the cloud
 * (the preview, and a stored cloud answer: {@link #seedCloud}). The answers come
 * from {@link PacedBackend} (no real model can be downloaded here, and a
 * random-weight one writes noise). Run it with {@code app/screenshots [OUT_DIR]}; {@code PITH_SCREENSHOTS_ONLY=settings}
 * takes only the screenshots whose file name contains that.
 */
public final class Screenshots {
  private Screenshots() {}

  private static final String CODE_QUESTION = "How do I read a BME280 sensor on a Raspberry Pi?";
  private static final String REASONING_QUESTION = "Is 1013 hPa high or low air pressure?";
  private static final String REASONING = "The user asks about 1013 hPa. Standard sea-level pressure is 1013.25"
      + " hPa, so this is almost exactly average. High pressure systems are usually above about 1020 hPa and"
      + " low ones below about 1000 hPa. I should also mention that altitude matters: the sensor reads station"
      + " pressure, and weather reports give pressure reduced to sea level.\n</think>\n\n"
      + "**1013 hPa is normal** — it is the standard sea-level pressure (1013.25 hPa).\n\n"
      + "- Above about **1020 hPa**: high pressure, usually settled weather.\n"
      + "- Below about **1000 hPa**: low pressure, often wind and rain.\n\n"
      + "If your sensor is not at sea level, convert its reading first: pressure falls by roughly *12 hPa per"
      + " 100 m* of altitude.";

  private static final String SYSTEM_PROMPT = "You are the help desk of a small museum. Answer in plain words, in"
      + " at most three sentences, and say so when you do not know.";

  /** The next windows' database also holds {@link StatsSeed}'s answers. */
  private static boolean stats;
  /** The next screenshots use the high-contrast option. */
  private static boolean highContrast;
  /** The next windows run in kiosk mode. */
  private static boolean kiosk;
  private static final String KIOSK_QUESTION = "When is the museum open?";
  private static final String KIOSK_ANSWER = "The museum is open **Tuesday to Sunday, 10:00 to 17:00**, and until"
      + " 20:00 on Thursdays. It is closed on Mondays, except on public holidays.\n\nEntry is free for children"
      + " under 12; the café on the ground floor opens half an hour before the galleries.";
  /** The next windows' database holds {@link #seedCloud}'s conversation, with the cloud on. */
  private static boolean cloud;
  /** ... and the cloud's answer to it. */
  private static boolean cloudAnswered;
  private static UUID cloudConversation;
  private static final String CLOUD_QUESTION = "Please draft a short email to Ana Souza (ana.souza@example.com,"
      + " +44 20 7946 0958) saying the Lisbon workshop moves to Thursday at 14:00, and ask her to confirm the room.";
  private static final String CLOUD_LOCAL_ANSWER = "Dear Ana Souza,\n\nThe workshop is now on Thursday. Please"
      + " confirm.\n\nBest regards";
  private static final String CLOUD_ANSWER = "**Subject:** Lisbon workshop moved to Thursday, 14:00\n\n"
      + "Dear Ana Souza,\n\nA quick update: the Lisbon workshop has moved to **Thursday at 14:00**. Everything"
      + " else stays as planned.\n\nCould you confirm that the room is still free at that time? You can reply"
      + " to this email or call me back; I have your number as +44 20 7946 0958.\n\nThank you, and see you"
      + " on Thursday.\n\nBest regards";

  /** The environment the next windows see (the Models page: where the hub is). */
  private static Map<String, String> environment = Map.of();
  /** A catalog id: the next windows' model is installed under it in the models folder; null: outside it. */
  private static String installedModel;
  private static final String INSTALLED = "qwen2.5-1.5b-instruct-int4-cpu";
  private static final String DOWNLOADING = "deepseek-r1-distill-qwen-1.5b-int4-cpu";

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "assets/screenshots");
    Files.createDirectories(out);
    OnFx.startToolkit();
    for (boolean dark : List.of(true, false)) {
      String theme = dark ? "dark" : "light";
      shoot(out, dark, Optional.empty(), 1200, 760, w -> { }, "empty-state-" + theme + ".png");
      shoot(out, dark, Optional.of(new PacedBackend(SampleAnswer.pieces(SampleAnswer.section()), 400, false)),
          1200, 860, w -> ask(w, CODE_QUESTION), "answer-code-" + theme + ".png");
      shoot(out, dark, Optional.of(new PacedBackend(SampleAnswer.pieces(REASONING), 400, true)), 1200, 760,
          w -> {
            ask(w, REASONING_QUESTION);
            OnFx.call(() -> {
              w.stage().getScene().getRoot().lookupAll(".thinking").forEach(n -> ((TitledPane) n).setExpanded(true));
              return null;
            });
          }, "thinking-" + theme + ".png");
    }
    shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(SampleAnswer.section()), 400, false)), 800,
        480, w -> ask(w, CODE_QUESTION), "pi-800x480-dark.png");
    shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(SampleAnswer.section()), 400, false)), 1280,
        800, w -> settings(w, GenerationPage.class), "settings-generation-dark.png");
    shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(SampleAnswer.section()), 400, false)), 800,
        480, w -> settings(w, GenerationPage.class), "settings-pi-800x480-dark.png");
    shoot(out, false, Optional.of(new PacedBackend(SampleAnswer.pieces(SampleAnswer.section()), 400, false)), 1280,
        800, w -> settings(w, BackendPage.class), "settings-backend-light.png");
    try (TrickleHub hub = new TrickleHub()) {
      environment = Map.of("PITH_HF_ENDPOINT", hub.endpoint());
      installedModel = INSTALLED;
      shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(SampleAnswer.section()), 400, false)), 1280,
          800, Screenshots::modelsDownloading, "settings-models-dark.png");
      environment = Map.of();
      installedModel = null;
    }
    stats = true;
    shoot(out, true, Optional.empty(), 1280, 1700, Screenshots::stats, "stats-dark.png");
    shoot(out, false, Optional.empty(), 1280, 1700, Screenshots::stats, "stats-light.png");
    shoot(out, true, Optional.empty(), 800, 480, Screenshots::stats, "stats-800x480-dark.png");
    shoot(out, true, Optional.empty(), 800, 480, w -> {
      stats(w);
      OnFx.call(() -> {
        ((javafx.scene.control.ScrollPane) w.stage().getScene().lookup(".stats-scroller")).setVvalue(1);
        return null;
      });
    }, "stats-cost-800x480-dark.png");
    stats = false;
    highContrast = true;
    shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(REASONING), 400, true)), 1200, 760,
        w -> ask(w, REASONING_QUESTION), "high-contrast-dark.png");
    highContrast = false;
    kiosk = true;
    shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(KIOSK_ANSWER), 400, false)), 800, 480,
        w -> ask(w, KIOSK_QUESTION), "kiosk-800x480-dark.png");
    shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(KIOSK_ANSWER), 400, false)), 800, 480,
        Screenshots::pinPad, "kiosk-pin-800x480-dark.png");
    kiosk = false;
    cloud = true;
    environment = Map.of("PITH_CLOUD_API_KEY", "sk-demo-not-a-real-key");
    shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(CLOUD_LOCAL_ANSWER), 400, false)), 1200, 820,
        Screenshots::cloudPreview, "cloud-preview-dark.png");
    shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(CLOUD_LOCAL_ANSWER), 400, false)), 800, 480,
        Screenshots::cloudPreview, "cloud-preview-800x480-dark.png");
    cloudAnswered = true;
    shoot(out, true, Optional.of(new PacedBackend(SampleAnswer.pieces(CLOUD_LOCAL_ANSWER), 400, false)), 1200, 820,
        Screenshots::cloudThread, "cloud-answer-dark.png");
    cloudAnswered = false;
    cloud = false;
    environment = Map.of();
    power = Screenshots::demoPower;
    List<List<String>> answers = List.of(SampleAnswer.pieces(IDLE_ANSWER), SampleAnswer.pieces(HAT_ANSWER),
        SampleAnswer.pieces(SampleAnswer.section()));
    capture = w -> crop(snapshot(w.stage()), 0, 0.56, 1, 1);
    shoot(out, true, Optional.of(PacedBackend.turns(answers, 12)), 1200, 760, Screenshots::answersWithWatts,
        "status-bar-watts-dark.png");
    capture = Screenshots::withPowerChart;
    shoot(out, true, Optional.of(PacedBackend.turns(answers, 12)), 1200, 760, Screenshots::answersWithWatts,
        "power-chart-dark.png");
    capture = w -> snapshot(w.stage());
    power = () -> PowerSampler.of(PowerMeter.none("no power meter on this machine"));
    Platform.exit();
  }

  private interface Scene {
    void play(Shown window) throws Exception;
  }

  private interface Capture {
    BufferedImage take(Shown window) throws Exception;
  }

  /** What the next screenshots are: the whole window unless told otherwise. */
  private static Capture capture = w -> snapshot(w.stage());
  /** The next windows' power sampler: no meter, unless told otherwise. */
  private static Supplier<PowerSampler> power = () -> PowerSampler.of(PowerMeter.none("no power meter on this machine"));
  /** The demo meter of the last {@link #demoPower()}, and whether its clock has caught up with the real one. */
  private static DemoMeter demoMeter;
  private static BooleanSupplier demoCaughtUp = () -> true;

  private static final String IDLE_QUESTION = "How much power does a Raspberry Pi 5 draw?";
  private static final String IDLE_ANSWER = "About **3 to 4 W** when idle with nothing on USB, and 6 to 7 W with all"
      + " four cores busy. USB devices, the fan and the AI HAT+ 2 come on top of that.";
  private static final String HAT_QUESTION = "And the AI HAT+ 2?";
  private static final String HAT_ANSWER = "Hailo publishes a **typical 2.5 W** for the Hailo-10H. It has no power"
      + " sensor on this board, so Pith cannot measure it: the status bar leaves it out and says so.";

  private record Shown(ChatWindow window, Stage stage, ChatController controller) {}

  private static void shoot(Path out, boolean dark, Optional<PacedBackend> model, double width, double height,
      Scene scene, String file) throws Exception {
    String only = System.getenv().getOrDefault("PITH_SCREENSHOTS_ONLY", "");
    if (!file.contains(only)) {
      return; // another screenshot was asked for
    }
    Path dir = Files.createTempDirectory("pith-screenshots");
    Database db = Database.open(dir);
    if (cloud) {
      seedHistory(db);
      seedCloud(db);
    } else if (!stats) {
      seedHistory(db);
    } else {
      StatsSeed.answers(db, Instant.now());
      new dev.pith.app.ui.stats.CostStore(db).save(new dev.pith.app.ui.stats.CostPrefs(0.15, 0.60)).join();
    }
    new UiSettings(db).save(new Appearance(dark, highContrast, Appearance.DEFAULT_FONT_SIZE)).join();
    SettingsStore.open(db).saveGeneration(GenerationPrefs.DEFAULT.withSystemPrompt(SYSTEM_PROMPT)).join();
    BackendLoader loader = (modelDir, cpu) -> model.orElseThrow();
    Path modelDir = installedModel == null ? dir.resolve("Qwen2.5-1.5B-Instruct")
        : installedFolder(dir.resolve("models").resolve(installedModel));
    PowerSampler sampler = power.get();
    AppContext context = new AppContext(db, dir.resolve("models"),
        model.map(m -> modelDir), loader, CpuBackendOptions.defaults(),
        Clock.systemDefaultZone(), ZoneId.systemDefault(), environment, sampler);
    if (kiosk) {
      context = context.withKiosk(KioskMode.on(KioskSettings.DEFAULT.withEnabled(true)), () -> { });
    }
    AppContext windowContext = context;
    Shown shown = OnFx.call(() -> {
      Stage stage = new Stage();
      ChatWindow window = ChatWindow.show(stage, windowContext, ChatWindow.StartState.read(db), u -> { });
      stage.setWidth(width);
      stage.setHeight(height);
      return new Shown(window, stage, window.controller());
    });
    if (model.isPresent()) {
      OnFx.waitFor(() -> OnFx.call(() -> shown.controller().modelProperty().get().isReady()), 60);
    }
    scene.play(shown);
    Thread.sleep(700); // the status bar's memory sample and the last layout
    ImageIO.write(capture.take(shown), "png", out.resolve(file).toFile());
    System.out.println("wrote " + out.resolve(file));
    OnFx.call(() -> {
      shown.window().close();
      shown.stage().close();
      return null;
    });
    sampler.close();
    db.close();
  }

  private static BufferedImage snapshot(Stage stage) throws Exception {
    return toBuffered(OnFx.call(() -> stage.getScene().snapshot(null)));
  }

  /** The part of {@code image} between the given fractions of its width and height. */
  private static BufferedImage crop(BufferedImage image, double left, double top, double right, double bottom) {
    int x = (int) Math.round(image.getWidth() * left);
    int y = (int) Math.round(image.getHeight() * top);
    return image.getSubimage(x, y, (int) Math.round(image.getWidth() * right) - x,
        (int) Math.round(image.getHeight() * bottom) - y);
  }

  /**
   * A sampler on a {@link DemoMeter} whose clock starts a minute behind and runs 20 times as fast until it meets the
   * real one (about three seconds): the window opens with a minute of idle readings behind it, then reads on in real
   * time, so the status bar's sparkline is full and its speed line (real time, from the window's start) lines up.
   */
  private static PowerSampler demoPower() {
    long start = System.nanoTime();
    long behind = Duration.ofSeconds(62).toNanos();
    long speed = 20;
    demoMeter = new DemoMeter();
    demoCaughtUp = () -> System.nanoTime() - start >= behind / (speed - 1);
    return PowerSampler.withClock(demoMeter, PowerSampler.MIN_PERIOD,
        () -> Math.min(System.nanoTime(), start - behind + speed * (System.nanoTime() - start)));
  }

  /**
   * The Pi 5 PMIC as it reads on a Pi 5 running Pith on the CPU: about 4 W idle and 6 W while an answer streams,
   * moving towards the new level over a few reads, with the small wobble of a real rail. Its figures are made up;
   * the screenshots are of the UI.
   */
  private static final class DemoMeter implements PowerMeter {
    private final java.util.Random noise = new java.util.Random(9);
    private volatile boolean busy;
    private double watts = 4.0;
    private int reads;

    @Override
    public String source() {
      return "Pi 5 PMIC";
    }

    @Override
    public String scope() {
      return dev.pith.inference.power.PiPmicMeter.SCOPE;
    }

    @Override
    public OptionalDouble watts() {
      reads++;
      double target = busy ? 6.05 : 3.95;
      watts += (target - watts) * 0.45;
      return OptionalDouble.of(watts + 0.09 * Math.sin(reads * 0.7) + 0.06 * noise.nextGaussian());
    }
  }

  /**
   * Two short answers with idle time between, then the long one, streaming when the screenshot is taken; the demo
   * meter draws more while an answer streams.
   */
  private static void answersWithWatts(Shown w) throws Exception {
    DemoMeter meter = demoMeter;
    OnFx.call(() -> {
      w.controller().busyProperty().addListener((p, was, busy) -> meter.busy = busy);
      return null;
    });
    OnFx.waitFor(() -> demoCaughtUp.getAsBoolean(), 30);
    Thread.sleep(2000);
    ask(w, IDLE_QUESTION);
    Thread.sleep(4000);
    ask(w, HAT_QUESTION);
    Thread.sleep(3000);
    OnFx.call(() -> {
      w.controller().send(CODE_QUESTION);
      return null;
    });
    Thread.sleep(5500);
  }

  /** The window with the status bar's power chart open over it (the chart is a popup: its own snapshot, drawn on). */
  private static BufferedImage withPowerChart(Shown w) throws Exception {
    OnFx.call(() -> {
      javafx.scene.Node spark = w.stage().getScene().lookup(".status-spark");
      spark.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
          javafx.scene.input.KeyCode.ENTER, false, false, false, false));
      return null;
    });
    Thread.sleep(1200); // a refresh or two of the open chart
    BufferedImage window = snapshot(w.stage());
    return OnFx.call(() -> {
      javafx.stage.Window popup = javafx.stage.Window.getWindows().stream()
          .filter(win -> win instanceof atlantafx.base.controls.Popover && win.isShowing()).findFirst()
          .orElseThrow(() -> new IllegalStateException("the power chart did not open"));
      // the popup's root on a transparent fill, so its shadow falls on the window as it does on screen
      javafx.scene.Parent root = popup.getScene().getRoot();
      javafx.scene.SnapshotParameters transparent = new javafx.scene.SnapshotParameters();
      transparent.setFill(javafx.scene.paint.Color.TRANSPARENT);
      BufferedImage chart = toBuffered(root.snapshot(transparent, null));
      javafx.geometry.Bounds drawn = root.getBoundsInParent();
      javafx.scene.Scene scene = w.stage().getScene();
      int x = (int) Math.round(popup.getX() + popup.getScene().getX() + drawn.getMinX() - w.stage().getX()
          - scene.getX());
      int y = (int) Math.round(popup.getY() + popup.getScene().getY() + drawn.getMinY() - w.stage().getY()
          - scene.getY());
      java.awt.Graphics2D g = window.createGraphics();
      g.drawImage(chart, x, y, null);
      g.dispose();
      int left = Math.max(0, x - 24);
      int top = Math.max(0, y - 24);
      return window.getSubimage(left, top, window.getWidth() - left, window.getHeight() - top);
    });
  }

  private static void ask(Shown w, String question) throws Exception {
    OnFx.call(() -> {
      w.controller().send(question);
      return null;
    });
    OnFx.waitFor(() -> OnFx.call(() -> !w.controller().busyProperty().get()), 60);
    Thread.sleep(300);
  }

  /** Stats (Ctrl+Shift+S), once its answers are read and worked out. */
  private static void stats(Shown w) throws Exception {
    OnFx.call(() -> {
      w.window().openStats();
      return null;
    });
    OnFx.waitFor(() -> OnFx.call(() -> w.stage().getScene().lookup("#stats-source") != null), 30);
    Thread.sleep(300);
  }

  /** The kiosk's staff door as staff see it after Ctrl+Alt+Shift+Q, three digits typed. */
  private static void pinPad(Shown w) throws Exception {
    OnFx.call(() -> {
      w.window().kiosk().askForPin();
      for (String digit : List.of("4", "7", "1")) {
        ((javafx.scene.control.Button) w.stage().getScene().lookup("#kiosk-pin-digit-" + digit)).fire();
      }
      return null;
    });
  }

  /** Opens a conversation of the history, then Settings at {@code page}. */
  private static void settings(Shown w, Class<? extends SettingsPage> page) throws Exception {
    OnFx.waitFor(() -> OnFx.call(() -> w.controller().conversations().size() > 1), 30);
    OnFx.call(() -> {
      w.controller().open(w.controller().conversations().get(1).id());
      return null;
    });
    OnFx.waitFor(() -> OnFx.call(() -> w.controller().openProperty().get() != null), 30);
    OnFx.call(() -> {
      w.window().openSettings(page);
      return null;
    });
    Thread.sleep(300); // the page reads the conversation's own settings and the hardware off the FX thread
  }

  /**
   * A folder the models folder lists as a model (a config and a graph) with weights of a real model's size, as a
   * sparse file: the page shows a believable size without writing a gigabyte.
   */
  private static Path installedFolder(Path folder) throws Exception {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("genai_config.json"), "{\"model\":{\"context_length\":32768}}");
    Files.writeString(folder.resolve("model.onnx"), "");
    try (java.io.RandomAccessFile data = new java.io.RandomAccessFile(folder.resolve("model.onnx.data").toFile(),
        "rw")) {
      data.setLength(1_247_000_000L);
    }
    return folder;
  }

  /** Settings → Models with the catalog's DeepSeek model downloading from the trickling hub for a few seconds. */
  private static void modelsDownloading(Shown w) throws Exception {
    settings(w, ModelsPage.class);
    String download = ModelsPage.DOWNLOAD_PREFIX + DOWNLOADING;
    OnFx.waitFor(() -> OnFx.call(() -> w.stage().getScene().getRoot().lookupAll(".button").stream()
        .anyMatch(n -> download.equals(n.getId()))), 30);
    OnFx.call(() -> {
      w.stage().getScene().getRoot().lookupAll(".button").stream().filter(n -> download.equals(n.getId()))
          .findFirst().ifPresent(n -> ((javafx.scene.control.Button) n).fire());
      return null;
    });
    Thread.sleep(4000); // a few seconds of download: a speed and a time left to show
  }

  /**
   * A conversation whose question names a person, an email address and a phone number, which the sanitizer's
   * detectors find, and a project the user lists as one of their terms; the cloud on, pointed at a realistic
   * endpoint that is never contacted (the preview sends nothing), the key from the environment. With
   * {@link #cloudAnswered}, the cloud's answer is stored under the local one as a send stores it (made up, like the
   * other screenshots' answers).
   */
  private static void seedCloud(Database db) {
    dev.pith.app.cloud.CloudStore.save(db, new dev.pith.app.cloud.CloudSettings(true, "https://api.openai.com/v1",
        "gpt-4o-mini"));
    dev.pith.app.cloud.CloudStore.save(db, new dev.pith.app.cloud.PrivacySettings("GB",
        List.of("Lisbon workshop")));
    Instant at = Instant.now().minusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    cloudConversation = UUID.randomUUID();
    db.writeAndWait("seeding", c -> {
      new ConversationDao(c).insert(new Conversation(cloudConversation, "Email about the Lisbon workshop", at, at,
          false, false));
      Message q = Message.written(cloudConversation, null, Role.USER, CLOUD_QUESTION, at);
      // Unsure: its words averaged about 25 % likely, below the fixed line (no history yet).
      Message a = new Message(UUID.randomUUID(), cloudConversation, q.id(), Role.ASSISTANT,
          CLOUD_LOCAL_ANSWER, MessageStatus.COMPLETE, null, at.plusSeconds(1), at.plusSeconds(4),
          "Qwen2.5-1.5B-Instruct", "cpu", new MessageMetrics(61, 24, 420.0, 11.2, null, null, null, null, -1.38,
          -4.2, null));
      new MessageDao(c).insert(q);
      new MessageDao(c).insert(a);
      if (cloudAnswered) {
        new MessageDao(c).insert(new Message(UUID.randomUUID(), cloudConversation, a.id(), Role.ASSISTANT,
            CLOUD_ANSWER, MessageStatus.COMPLETE, null, at.plusSeconds(30), at.plusSeconds(33),
            "gpt-4o-mini @ api.openai.com", "cloud", new MessageMetrics(null, null, 740.0, null, null, null, null)));
      }
      new ConversationDao(c).touch(cloudConversation, at.plusSeconds(33));
      return null;
    });
  }

  /** Opens {@link #seedCloud}'s conversation and waits until the window knows the cloud may be asked. */
  private static void cloudThread(Shown w) throws Exception {
    OnFx.call(() -> {
      w.controller().open(cloudConversation);
      return null;
    });
    OnFx.waitFor(() -> OnFx.call(() -> w.controller().thread().size() >= 2
        && w.window().cloud().orElseThrow().available().get()), 30);
    Thread.sleep(500);
  }

  /** The preview of asking the cloud about the local answer. */
  private static void cloudPreview(Shown w) throws Exception {
    cloudThread(w);
    OnFx.call(() -> {
      w.stage().getScene().getRoot().lookupAll(".ask-cloud").stream().reduce((a, b) -> b)
          .ifPresent(n -> ((javafx.scene.control.Button) n).fire());
      return null;
    });
    OnFx.waitFor(() -> OnFx.call(() -> w.window().cloud().orElseThrow().dialog()
        .map(d -> d.preview() != null).orElse(false)), 30);
    Thread.sleep(300);
  }

  /** A believable history for the sidebar: conversations from today back to last month, one pinned. */
  private static void seedHistory(Database db) {
    Instant now = Instant.now();
    Object[][] rows = {
        {"Workshop safety checklist", Duration.ofDays(20), true},
        {"Pi 5 fan curve for the AI HAT", Duration.ofHours(2), false},
        {"Summarise the museum's opening hours", Duration.ofHours(5), false},
        {"Bread recipe for a cold kitchen", Duration.ofHours(26), false},
        {"Explain INT4 quantization simply", Duration.ofDays(3), false},
        {"Letter to the school about the trip", Duration.ofDays(5), false},
        {"Packing list for Porto", Duration.ofDays(40), false},
        {"Regex for UK postcodes", Duration.ofDays(65), false},
    };
    db.writeAndWait("seeding", c -> {
      for (Object[] row : rows) {
        Instant at = now.minus((Duration) row[1]);
        Conversation conversation = new Conversation(UUID.randomUUID(), (String) row[0], at, at, (Boolean) row[2],
            false);
        new ConversationDao(c).insert(conversation);
        Message q = Message.written(conversation.id(), null, Role.USER, (String) row[0], at);
        new MessageDao(c).insert(q);
        new MessageDao(c).insert(new Message(UUID.randomUUID(), conversation.id(), q.id(), Role.ASSISTANT,
            "Here is a short answer about " + row[0] + ".", MessageStatus.COMPLETE, null, at, at,
            "Qwen2.5-1.5B-Instruct", "cpu", new MessageMetrics(40, 12, 310.0, 11.8, null, null, null)));
        new ConversationDao(c).touch(conversation.id(), at);
      }
      return null;
    });
  }

  private static BufferedImage toBuffered(WritableImage image) {
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    PixelReader pixels = image.getPixelReader();
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      pixels.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
      out.setRGB(0, y, w, 1, row, 0, w);
    }
    return out;
  }
}
