package dev.pith.app.bench;

import dev.pith.app.ui.AppContext;
import dev.pith.app.ui.ChatWindow;
import dev.pith.app.ui.UiSettings;
import dev.pith.app.ui.chat.ChatController;
import dev.pith.app.ui.status.ProcessMemory;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.Database;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The window's streaming benchmark: opens the real window on a long stored conversation, streams an answer
 * of {@code --tokens} tokens at {@code --rate} tokens/s into it, and records the gaps between JavaFX pulses
 * while it streams. A gap much longer than a frame (16.7 ms) is a stutter the user sees. Prints one line of
 * figures per run (or JSON with {@code --json}). Run it with {@code app/bench-ui}.
 */
public final class UiBench {
  private UiBench() {}

  record Options(int tokens, double rate, int history, int runs, boolean thinking, boolean json, double width,
      double height) {
    static Options parse(String[] args) {
      int tokens = 2000;
      double rate = 60;
      int history = 400;
      int runs = 3;
      boolean thinking = false;
      boolean json = false;
      double width = 1280;
      double height = 800;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--tokens" -> tokens = Integer.parseInt(args[++i]);
          case "--rate" -> rate = Double.parseDouble(args[++i]);
          case "--history" -> history = Integer.parseInt(args[++i]);
          case "--runs" -> runs = Integer.parseInt(args[++i]);
          case "--thinking" -> thinking = true;
          case "--json" -> json = true;
          case "--size" -> {
            String[] wh = args[++i].split("x");
            width = Double.parseDouble(wh[0]);
            height = Double.parseDouble(wh[1]);
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + " (--tokens N --rate TPS --history MESSAGES --runs N --thinking --size WxH --json)");
        }
      }
      return new Options(tokens, rate, history, runs, thinking, json, width, height);
    }
  }

  /** One answer's figures; {@code longestGapAtSeconds} is when the longest gap ended, from the question's send. */
  record Run(int tokens, double seconds, double decodeTps, int pulses, double longestGapMs,
      double longestGapAtSeconds, double p99GapMs, int gapsOver50, int gapsOver33, double gcMillis,
      long heapUsedMb, long rssMb) {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path dir = Files.createTempDirectory("pith-ui-bench");
    Database db = Database.open(dir);
    UUID conversation = seed(db, options.history());
    AppContext context = new AppContext(db, dir.resolve("models"), Optional.of(dir.resolve("paced-sample")),
        (modelDir, cpu) -> PacedBackend.sample(options.tokens(), options.rate(), options.thinking()),
        CpuBackendOptions.defaults(), Clock.systemDefaultZone(),
        ZoneId.systemDefault(), Map.of(), PowerSampler.of(PowerMeter.none("not measured in the benchmark")));
    OnFx.startToolkit();
    AtomicReference<ChatWindow> window = new AtomicReference<>();
    OnFx.call(() -> {
      Stage stage = new Stage();
      ChatWindow.StartState start = ChatWindow.StartState.read(db);
      window.set(ChatWindow.show(stage, context, start, url -> { }));
      stage.setWidth(options.width());
      stage.setHeight(options.height());
      return null;
    });
    ChatController controller = window.get().controller();
    OnFx.waitFor(() -> OnFx.call(() -> controller.modelProperty().get().isReady()), 60);
    System.out.printf(Locale.ROOT, "window: %.0fx%.0f, conversation of %d messages (showing the newest %d), "
        + "%d tokens per answer at %s tok/s, %s%n", options.width(), options.height(), options.history(),
        Math.min(options.history(), 24), options.tokens(), options.rate() > 0 ? fmt(options.rate()) : "full speed",
        System.getProperty("glass.platform", "the desktop") + " / prism " + System.getProperty("prism.order", "default"));
    List<Run> runs = new ArrayList<>();
    for (int r = 0; r < options.runs(); r++) {
      OnFx.call(() -> {
        controller.open(conversation);
        return null;
      });
      int expected = Math.min(options.history() + 2 * r, 500);
      OnFx.waitFor(() -> OnFx.call(() -> controller.thread().size() >= expected), 30);
      // The window has opened and shown the thread, and the user has typed a question: a few seconds.
      Thread.sleep(Long.getLong("pith.bench.settle", 2000));
      Run run = measure(controller, options);
      runs.add(run);
      print(run, options.json());
    }
    OnFx.call(() -> {
      window.get().close();
      return null;
    });
    db.close();
    Platform.exit();
    if (!options.json()) {
      Run worst = runs.stream().max((a, b) -> Double.compare(a.longestGapMs(), b.longestGapMs())).orElseThrow();
      System.out.printf(Locale.ROOT, "longest pulse gap over %d runs: %.1f ms (target < 50 ms)%n", runs.size(),
          worst.longestGapMs());
    }
  }

  private static Run measure(ChatController controller, Options options) throws Exception {
    List<Long> pulses = new ArrayList<>(options.tokens() * 2);
    AnimationTimer timer = new AnimationTimer() {
      @Override
      public void handle(long now) {
        pulses.add(System.nanoTime());
      }
    };
    long gcBefore = gcMillis();
    OnFx.call(() -> {
      timer.start();
      return null;
    });
    Thread.sleep(200); // a few frames before the question, so the frame that shows it counts as a gap too
    long start = System.nanoTime();
    OnFx.call(() -> {
      controller.send("How do I read a BME280 sensor on a Raspberry Pi and keep the readings? Run " + start);
      return null;
    });
    OnFx.waitFor(() -> OnFx.call(() -> !controller.busyProperty().get()), 600);
    long end = System.nanoTime();
    List<Long> seen = OnFx.call(() -> {
      timer.stop();
      return List.copyOf(pulses);
    });
    GenerationStats stats = OnFx.call(() -> controller.lastStatsProperty().get());
    double[] gaps = new double[Math.max(0, seen.size() - 1)];
    long longestEnd = start;
    double longest = 0;
    for (int i = 1; i < seen.size(); i++) {
      gaps[i - 1] = (seen.get(i) - seen.get(i - 1)) / 1e6;
      if (gaps[i - 1] > longest) {
        longest = gaps[i - 1];
        longestEnd = seen.get(i);
      }
    }
    if (System.getProperty("pith.bench.debug") != null) {
      StringBuilder first = new StringBuilder("first pulses (ms after send):");
      for (int i = 0; i < Math.min(25, seen.size()); i++) {
        first.append(String.format(Locale.ROOT, " %.0f", (seen.get(i) - start) / 1e6));
      }
      System.err.println(first);
      System.err.printf(Locale.ROOT, "longest gap ended at JVM uptime %.3f s%n",
          (ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - longestEnd) / 1e6) / 1e3);
    }
    Arrays.sort(gaps);
    int over50 = 0;
    int over33 = 0;
    for (double g : gaps) {
      over50 += g > 50 ? 1 : 0;
      over33 += g > 33.4 ? 1 : 0;
    }
    Runtime rt = Runtime.getRuntime();
    int pulsesWhileAnswering = (int) seen.stream().filter(t -> t >= start).count();
    return new Run(stats.generatedTokens(), (end - start) / 1e9, stats.decodeTokensPerSecond(), pulsesWhileAnswering,
        longest, (longestEnd - start) / 1e9, gaps.length == 0 ? 0 : gaps[(int) (gaps.length * 0.99)],
        over50, over33, gcMillis() - gcBefore, (rt.totalMemory() - rt.freeMemory()) >> 20,
        ProcessMemory.ofThisProcess().read().bytes() >> 20);
  }

  /** A conversation of {@code messages} messages, questions and long Markdown answers in turn. */
  private static UUID seed(Database db, int messages) {
    Instant now = Instant.now();
    Conversation c = new Conversation(UUID.randomUUID(), "A long conversation", now, now, false, false);
    String answer = String.join("", SampleAnswer.pieces(400, false));
    db.writeAndWait("seeding", conn -> {
      new ConversationDao(conn).insert(c);
      UUID parent = null;
      for (int i = 0; i < messages; i++) {
        boolean question = i % 2 == 0;
        Message m = Message.written(c.id(), parent, question ? Role.USER : Role.ASSISTANT,
            question ? "Question " + i + ": how do I keep sensor readings?" : answer, now);
        new MessageDao(conn).insert(m);
        parent = m.id();
      }
      return null;
    });
    return c.id();
  }

  private static void print(Run r, boolean json) {
    if (json) {
      System.out.printf(Locale.ROOT, "{\"tokens\":%d,\"seconds\":%.2f,\"decode_tps\":%.1f,\"pulses\":%d,"
          + "\"longest_gap_ms\":%.1f,\"longest_gap_at_s\":%.2f,\"p99_gap_ms\":%.1f,\"gaps_over_50ms\":%d,\"gaps_over_33ms\":%d,"
          + "\"gc_ms\":%.0f,\"heap_used_mb\":%d,\"rss_mb\":%d}%n", r.tokens(), r.seconds(), r.decodeTps(), r.pulses(),
          r.longestGapMs(), r.longestGapAtSeconds(), r.p99GapMs(), r.gapsOver50(), r.gapsOver33(), r.gcMillis(),
          r.heapUsedMb(), r.rssMb());
    } else {
      System.out.printf(Locale.ROOT, "%d tokens in %.1f s (%.1f tok/s): %d pulses (%.0f/s), longest gap %.1f ms"
          + " (%.1f s in), p99 %.1f ms, %d gaps > 50 ms, %d > 33 ms; GC %.0f ms; heap %d MB, RSS %d MB%n", r.tokens(),
          r.seconds(), r.decodeTps(), r.pulses(), r.pulses() / r.seconds(), r.longestGapMs(),
          r.longestGapAtSeconds(), r.p99GapMs(), r.gapsOver50(),
          r.gapsOver33(), r.gcMillis(), r.heapUsedMb(), r.rssMb());
    }
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }
}
