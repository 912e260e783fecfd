package dev.pith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.SamplingSettings;
import dev.pith.inference.cpu.CpuBackend;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.Database;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The energy stored with an answer, end to end: the tiny random-weight model answers on the real CPU backend into a
 * real SQLite file while the real hwmon meter reads a fixture sysfs tree. The sensor says 2 W until the answer's first
 * token, then 6 W, so the expected energy is known from the times the test itself takes: 2 W × (first token − request)
 * + 6 W × (last token − first token), with 2 W as the idle baseline.
 */
class AnswersEnergyTest {
  private static final Path TINY = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../inference/target/test-classes/models/tiny-genai").normalize();
  private static final double IDLE_WATTS = 2.0;
  private static final double BUSY_WATTS = 6.0;
  /** Slows the answer down to ~1.5 s so it spans many readings (the tiny model alone takes a few milliseconds). */
  private static final long MILLIS_PER_TOKEN = 12;
  private static final int TOKENS = 120;

  @TempDir Path dir;
  private Path sensor;

  @BeforeEach
  void sensor() throws IOException {
    sensor = Files.createDirectories(dir.resolve("sysfs/sys/class/hwmon/hwmon0"));
    Files.writeString(sensor.resolve("name"), "ina219\n");
    setWatts(IDLE_WATTS);
  }

  @Test
  void theStoredEnergyIsThePowerTimesTheTimeItWasDrawn() throws Exception {
    Map<String, String> env = Map.of(PowerMeters.ROOT_VARIABLE, dir.resolve("sysfs").toString());
    try (Database db = Database.open(dir.resolve("data"));
        CpuBackend backend = CpuBackend.load(TINY, CpuBackendOptions.defaults());
        PowerMeter meter = PowerMeters.detect(PowerMeters.sysfsRoot(env), env);
        PowerSampler power = new PowerSampler(meter, PowerSampler.MIN_PERIOD)) {
      assertEquals("hwmon ina219", meter.source());
      Thread.sleep(PowerSampler.BASELINE.toMillis() + 200); // idle, as a user reads before asking
      Message question = ask(db, "How much energy does an answer take?");

      AtomicLong firstToken = new AtomicLong();
      AtomicLong lastToken = new AtomicLong();
      long request = System.nanoTime();
      Answers.Result result = Answers.generate(db, backend, "tiny-genai",
          new GenerationSettings(TOKENS, SamplingSettings.GREEDY, List.of()), question, (id, text) -> {
            if (firstToken.get() == 0) {
              setWatts(BUSY_WATTS);
              firstToken.set(System.nanoTime());
            }
            sleep(MILLIS_PER_TOKEN);
            lastToken.set(System.nanoTime());
          }, new CancellationToken(), power);

      assertNull(result.error());
      assertTrue(result.stats().generatedTokens() >= 40,
          "the answer should span many readings: " + result.stats().generatedTokens() + " tokens");
      // The answer's span ends when the backend returns, just after the last token (not after the final write).
      double seconds = (lastToken.get() - request) / 1e9;
      double expected = IDLE_WATTS * (firstToken.get() - request) / 1e9
          + BUSY_WATTS * (lastToken.get() - firstToken.get()) / 1e9;

      Message stored = db.read(c -> new MessageDao(c).find(result.stored().id())).orElseThrow();
      MessageMetrics m = stored.metrics();
      assertEquals(MessageStatus.COMPLETE, stored.status());
      assertNotNull(m.energyJoules(), "energy stored");
      assertEquals(expected, m.energyJoules(), expected * 0.10, "within 10 % of power × time over " + seconds + " s");
      assertEquals(expected / seconds, m.averageWatts(), expected / seconds * 0.10);
      assertEquals(IDLE_WATTS, m.idleWatts(), 1e-9, "the sensor read 2 W in the two seconds before the request");
      assertEquals("hwmon ina219", m.powerSource());
      double aboveIdle = expected - IDLE_WATTS * seconds;
      assertEquals(aboveIdle, m.energyAboveIdleJoules(), expected * 0.10);
    }
  }

  @Test
  void withoutAMeterTheAnswerIsStoredWithoutEnergy() throws Exception {
    try (Database db = Database.open(dir.resolve("data"));
        CpuBackend backend = CpuBackend.load(TINY, CpuBackendOptions.defaults());
        PowerSampler power = PowerSampler.of(PowerMeter.none("no sensor in this test"))) {
      Message question = ask(db, "And without a meter?");
      Answers.Result result = Answers.generate(db, backend, "tiny-genai",
          new GenerationSettings(8, SamplingSettings.GREEDY, List.of()), question, (id, text) -> { },
          new CancellationToken(), power);
      MessageMetrics m = db.read(c -> new MessageDao(c).find(result.stored().id())).orElseThrow().metrics();
      assertNotNull(m.generatedTokens());
      assertTrue(m.meanLogprob() < 0 && m.minLogprob() <= m.meanLogprob(),
          "the CPU backend stores its confidence: " + m);
      assertNull(m.energyJoules());
      assertNull(m.averageWatts());
      assertNull(m.idleWatts());
      assertNull(m.powerSource());
    }
  }

  private static Message ask(Database db, String text) {
    Instant now = Instant.now();
    Conversation conversation = Conversation.create(now);
    Message question = Message.written(conversation.id(), null, Role.USER, text, now);
    db.writeAndWait("the question", c -> {
      new ConversationDao(c).insert(conversation);
      new MessageDao(c).insert(question);
      return null;
    });
    return question;
  }

  /** Rewrites the sensor's file in one step (a rename), so a read never sees it half written. */
  private void setWatts(double watts) {
    try {
      Path next = sensor.resolve("power1_input.next");
      Files.writeString(next, Math.round(watts * 1e6) + "\n", StandardCharsets.US_ASCII);
      Files.move(next, sensor.resolve("power1_input"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(Duration.ofMillis(millis).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
