package dev.pith.app.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.Answers;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
  @TempDir Path dir;
  private Database db;

  @BeforeEach
  void open() {
    db = Database.open(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void put(String key, String json) {
    db.writeAndWait("test", c -> {
      new SettingsDao(c).put(key, json, Instant.now());
      return null;
    });
  }

  @Test
  void nothingSavedMeansTheDefaults() {
    SettingsStore store = SettingsStore.open(db);
    assertEquals(GenerationPrefs.DEFAULT, store.generation());
    assertEquals(BackendPrefs.DEFAULT, store.backend());
    assertEquals(Optional.empty(), store.override(UUID.randomUUID()));
  }

  @Test
  void savedValuesAreReadBackAsTheyWereSaved() {
    GenerationPrefs prefs = new GenerationPrefs("Be brief.", 1.25, 0.9, 40, 512, 1.1);
    BackendPrefs backend = new BackendPrefs(BackendPrefs.Choice.NPU, 3, 8192);
    UUID conversation = UUID.randomUUID();
    SettingsStore store = SettingsStore.open(db);
    store.saveGeneration(prefs).join();
    store.saveBackend(backend).join();
    store.saveOverride(conversation, prefs.withMaxTokens(5)).join();

    SettingsStore again = SettingsStore.open(db);
    assertEquals(prefs, again.generation());
    assertEquals(backend, again.backend());
    assertEquals(Optional.of(prefs.withMaxTokens(5)), again.override(conversation));
    assertEquals("{\"backend\":\"npu\",\"threads\":3,\"contextLength\":8192}",
        db.read(c -> new SettingsDao(c).get(SettingsStore.BACKEND)).orElseThrow());
  }

  @Test
  void aFieldThatCannotBeReadFallsBackAloneAndTheOthersStay() {
    put(SettingsStore.GENERATION, "{\"temperature\":\"hot\",\"topK\":-3,\"maxTokens\":64,\"topP\":0.5,"
        + "\"systemPrompt\":7,\"future\":true}");
    put(SettingsStore.BACKEND, "{\"backend\":\"tpu\",\"threads\":2,\"contextLength\":10}");
    SettingsStore store = SettingsStore.open(db);
    GenerationPrefs d = GenerationPrefs.DEFAULT;
    assertEquals(new GenerationPrefs(d.systemPrompt(), d.temperature(), 0.5, d.topK(), 64, d.repetitionPenalty()),
        store.generation());
    assertEquals(new BackendPrefs(BackendPrefs.Choice.AUTO, 2, BackendPrefs.DEFAULT.contextLength()),
        store.backend());
  }

  @Test
  void aValueThatIsNotAnObjectMeansTheDefaults() {
    put(SettingsStore.GENERATION, "[1, 2]");
    assertEquals(GenerationPrefs.DEFAULT, SettingsStore.open(db).generation());
  }

  @Test
  void aConversationsOwnSettingsWinAndItsMissingFieldsFollowTheCommonOnes() {
    UUID own = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    put(SettingsStore.overrideKey(own), "{\"maxTokens\":9}");
    SettingsStore store = SettingsStore.open(db);
    store.saveGeneration(GenerationPrefs.DEFAULT.withTemperature(1.5).withSystemPrompt("Common.")).join();

    assertEquals(9, store.effective(own).maxTokens());
    assertEquals(1.5, store.effective(own).temperature(), "the missing field follows the common value");
    assertEquals(GenerationPrefs.DEFAULT.maxTokens(), store.effective(other).maxTokens());

    Answers.Setup setup = store.forAnswer(own);
    assertEquals(9, setup.settings().maxTokens());
    assertEquals(1.5f, setup.settings().sampling().temperature());
    assertEquals("Common.", setup.systemPrompt());
    assertTrue(java.util.stream.IntStream.range(0, 5).mapToLong(i -> store.forAnswer(own).settings().sampling().seed())
        .distinct().count() > 1, "each answer has a seed of its own, so Regenerate says something else");

    store.removeOverride(own).join();
    assertEquals(Optional.empty(), SettingsStore.open(db).override(own));
  }

  @Test
  void forgettingConversationsDropsTheirSettingsAndNothingElse() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    SettingsStore store = SettingsStore.open(db);
    store.saveGeneration(GenerationPrefs.DEFAULT.withTopK(3)).join();
    store.saveOverride(a, GenerationPrefs.DEFAULT.withTopK(1)).join();
    store.saveOverride(b, GenerationPrefs.DEFAULT.withTopK(2)).join();

    db.writeAndWait("test", c -> {
      store.forget(c, List.of(a));
      return null;
    });
    assertEquals(Optional.empty(), store.override(a));
    assertEquals(2, store.effective(b).topK());

    db.writeAndWait("test", c -> {
      store.forgetAll(c);
      return null;
    });
    assertEquals(Optional.empty(), store.override(b));
    assertEquals(List.of(SettingsStore.GENERATION), List.copyOf(db.read(c -> new SettingsDao(c).all()).keySet()));
  }

  @Test
  void backendSettingsSetThreadsAndContextOnTheStartOptions() {
    CpuBackendOptions base = CpuBackendOptions.defaults().withThreads(1);
    assertEquals(1, BackendPrefs.DEFAULT.cpuOptions(base).intraOpThreads(), "automatic keeps the start's count");
    assertEquals(4096, BackendPrefs.DEFAULT.cpuOptions(base).contextLimit());
    CpuBackendOptions chosen = new BackendPrefs(BackendPrefs.Choice.CPU, 3, 2048).cpuOptions(base);
    assertEquals(3, chosen.intraOpThreads());
    assertEquals(2048, chosen.contextLimit());
    assertEquals(base.rewrites(), chosen.rewrites());
  }
}
