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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * full-screen window at the size asked for), and Stats (dark and light, 800×480 at the top and at its cost panel)
 * on {@link StatsSeed}'s made-up three weeks of answers. The answers come
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
    Platform.exit();
  }

  private interface Scene {
    void play(Shown window) throws Exception;
  }

  private record Shown(ChatWindow window, Stage stage, ChatController controller) {}

  private static void shoot(Path out, boolean dark, Optional<PacedBackend> model, double width, double height,
      Scene scene, String file) throws Exception {
    String only = System.getenv().getOrDefault("PITH_SCREENSHOTS_ONLY", "");
    if (!file.contains(only)) {
      return; // another screenshot was asked for
    }
    Path dir = Files.createTempDirectory("pith-screenshots");
    Database db = Database.open(dir);
    if (!stats) {
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
    AppContext context = new AppContext(db, dir.resolve("models"),
        model.map(m -> modelDir), loader, CpuBackendOptions.defaults(),
        Clock.systemDefaultZone(), ZoneId.systemDefault(), environment,
        PowerSampler.of(PowerMeter.none("no power meter on this machine")));
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
    WritableImage image = OnFx.call(() -> shown.stage().getScene().snapshot(null));
    ImageIO.write(toBuffered(image), "png", out.resolve(file).toFile());
    System.out.println("wrote " + out.resolve(file));
    OnFx.call(() -> {
      shown.window().close();
      shown.stage().close();
      return null;
    });
    db.close();
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
