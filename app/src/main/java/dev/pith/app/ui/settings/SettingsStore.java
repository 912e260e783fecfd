package dev.pith.app.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.app.Answers;
import dev.pith.app.ui.chat.AnswerSettings;
import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How answers are generated and where the model runs, kept in the settings table as JSON:
 * <pre>
 * "generation"                      {"systemPrompt": "", "temperature": 0.7, "topP": 0.8, "topK": 20,
 *                                    "maxTokens": 2048, "repetitionPenalty": 1.05}
 * "conversation.&lt;uuid&gt;.generation"  the same shape: that conversation's own settings, which win
 * "backend"                         {"backend": "auto|npu|cpu", "threads": 0, "contextLength": 4096}
 * "models"                          {"default": "&lt;model id&gt;"}: the model opened at start without --model
 * </pre>
 * A field that is missing or cannot be read takes its default (in a conversation's settings: the value for
 * every conversation), the other fields keep theirs.
 *
 * <p>Thread-safe. The values in use are held here and change at once when saved (the next answer uses them);
 * the database write follows on its writer thread. Methods that may read the database say so: call them off
 * the FX thread.
 */
public final class SettingsStore implements AnswerSettings {
  public static final String GENERATION = "generation";
  public static final String BACKEND = "backend";
  public static final String MODELS = "models";
  static final String CONVERSATION_PREFIX = "conversation.";

  private final Database db;
  private volatile GenerationPrefs generation;
  private volatile BackendPrefs backend;
  /** The id of the model opened at start when none is named, or null. */
  private volatile String defaultModel;
  /**
   * Conversations' own settings as read or saved, as JSON (their missing fields follow {@link #generation}
   * whenever it changes); an empty value: the conversation has none.
   */
  private final ConcurrentMap<UUID, Optional<JsonNode>> overrides = new ConcurrentHashMap<>();

  private SettingsStore(Database db, GenerationPrefs generation, BackendPrefs backend, String defaultModel) {
    this.db = Objects.requireNonNull(db, "db");
    this.generation = generation;
    this.backend = backend;
    this.defaultModel = defaultModel;
  }

  /** Reads the saved settings for every conversation and the backend; off the FX thread (at start). */
  public static SettingsStore open(Database db) {
    GenerationPrefs generation = JsonSettings.read(db, GENERATION)
        .map(n -> generationOf(n, GenerationPrefs.DEFAULT)).orElse(GenerationPrefs.DEFAULT);
    BackendPrefs backend = JsonSettings.read(db, BACKEND).map(SettingsStore::backendOf).orElse(BackendPrefs.DEFAULT);
    String defaultModel = JsonSettings.read(db, MODELS).map(n -> JsonSettings.text(n, "default", ""))
        .filter(id -> !id.isBlank()).orElse(null);
    return new SettingsStore(db, generation, backend, defaultModel);
  }

  /** The key of a conversation's own generation settings. */
  public static String overrideKey(UUID conversationId) {
    return CONVERSATION_PREFIX + conversationId + "." + GENERATION;
  }

  /** The generation settings for every conversation that has none of its own. */
  public GenerationPrefs generation() {
    return generation;
  }

  public BackendPrefs backend() {
    return backend;
  }

  /** The id of the model to open at start when none is named (Settings → Models, Set as default). */
  public Optional<String> defaultModel() {
    return Optional.ofNullable(defaultModel);
  }

  public CompletableFuture<Void> saveDefaultModel(String id) {
    defaultModel = Objects.requireNonNull(id, "id");
    return JsonSettings.write(db, MODELS, JsonSettings.object().put("default", id));
  }

  /** The conversation's own generation settings, if it has them. May read the database: off the FX thread. */
  public Optional<GenerationPrefs> override(UUID conversationId) {
    Optional<JsonNode> known = overrides.get(conversationId);
    if (known == null) {
      Optional<JsonNode> read = JsonSettings.read(db, overrideKey(conversationId));
      // A save made while this was read has put its value first, and it stays.
      Optional<JsonNode> before = overrides.putIfAbsent(conversationId, read);
      known = before != null ? before : read;
    }
    GenerationPrefs base = generation;
    return known.map(n -> generationOf(n, base));
  }

  /** The generation settings that apply in the conversation. May read the database: off the FX thread. */
  public GenerationPrefs effective(UUID conversationId) {
    return override(conversationId).orElse(generation);
  }

  @Override
  public Answers.Setup forAnswer(UUID conversationId) {
    GenerationPrefs p = effective(conversationId);
    // A new seed per answer, so that Regenerate gives another answer.
    return new Answers.Setup(p.toSettings(ThreadLocalRandom.current().nextLong()), p.systemPrompt());
  }

  public CompletableFuture<Void> saveGeneration(GenerationPrefs prefs) {
    generation = Objects.requireNonNull(prefs, "prefs");
    return JsonSettings.write(db, GENERATION, json(prefs));
  }

  public CompletableFuture<Void> saveBackend(BackendPrefs prefs) {
    backend = Objects.requireNonNull(prefs, "prefs");
    ObjectNode n = JsonSettings.object();
    n.put("backend", prefs.backend().id());
    n.put("threads", prefs.threads());
    n.put("contextLength", prefs.contextLength());
    return JsonSettings.write(db, BACKEND, n);
  }

  /** Gives the conversation its own generation settings (they win over the ones for every conversation). */
  public CompletableFuture<Void> saveOverride(UUID conversationId, GenerationPrefs prefs) {
    ObjectNode n = json(prefs);
    overrides.put(conversationId, Optional.of(n));
    return JsonSettings.write(db, overrideKey(conversationId), n);
  }

  /** The conversation follows the settings for every conversation again. */
  public CompletableFuture<Void> removeOverride(UUID conversationId) {
    overrides.put(conversationId, Optional.empty());
    return db.write("removing the conversation's settings", c -> {
      new SettingsDao(c).remove(overrideKey(conversationId));
      return null;
    });
  }

  @Override
  public void forget(Connection connection, Collection<UUID> conversationIds) throws SQLException {
    SettingsDao settings = new SettingsDao(connection);
    for (UUID id : conversationIds) {
      settings.remove(overrideKey(id));
      overrides.remove(id);
    }
  }

  @Override
  public void forgetAll(Connection connection) throws SQLException {
    new SettingsDao(connection).removeStartingWith(CONVERSATION_PREFIX);
    overrides.clear();
  }

  private static ObjectNode json(GenerationPrefs p) {
    ObjectNode n = JsonSettings.object();
    n.put("systemPrompt", p.systemPrompt());
    n.put("temperature", p.temperature());
    n.put("topP", p.topP());
    n.put("topK", p.topK());
    n.put("maxTokens", p.maxTokens());
    n.put("repetitionPenalty", p.repetitionPenalty());
    return n;
  }

  /** The generation settings in {@code n}; each field that cannot be read is {@code fallback}'s. */
  static GenerationPrefs generationOf(JsonNode n, GenerationPrefs fallback) {
    String prompt = JsonSettings.text(n, "systemPrompt", fallback.systemPrompt());
    return new GenerationPrefs(
        prompt.length() <= GenerationPrefs.MAX_SYSTEM_PROMPT ? prompt : fallback.systemPrompt(),
        JsonSettings.number(n, "temperature", GenerationPrefs.TEMPERATURE, fallback.temperature()),
        JsonSettings.number(n, "topP", GenerationPrefs.TOP_P, fallback.topP()),
        JsonSettings.whole(n, "topK", GenerationPrefs.TOP_K, fallback.topK()),
        JsonSettings.whole(n, "maxTokens", GenerationPrefs.MAX_TOKENS, fallback.maxTokens()),
        JsonSettings.number(n, "repetitionPenalty", GenerationPrefs.REPETITION_PENALTY,
            fallback.repetitionPenalty()));
  }

  static BackendPrefs backendOf(JsonNode n) {
    BackendPrefs d = BackendPrefs.DEFAULT;
    BackendPrefs.Choice choice = BackendPrefs.Choice.ofId(JsonSettings.text(n, "backend", d.backend().id()));
    return new BackendPrefs(choice != null ? choice : d.backend(),
        JsonSettings.whole(n, "threads", BackendPrefs.THREADS, d.threads()),
        JsonSettings.whole(n, "contextLength", BackendPrefs.CONTEXT_LENGTH, d.contextLength()));
  }
}
