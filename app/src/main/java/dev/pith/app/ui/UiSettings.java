package dev.pith.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.app.ui.settings.JsonSettings;
import dev.pith.app.ui.theme.Appearance;
import dev.pith.storage.Database;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The window's settings in the database's settings table, as JSON: {@code "appearance"} and {@code "window"}
 * (answers and the backend: {@link dev.pith.app.ui.settings.SettingsStore}). A value that cannot be read
 * (hand-edited, from a newer Pith) falls back to the default for that part only.
 */
public final class UiSettings {
  static final String APPEARANCE = "appearance";
  static final String WINDOW = "window";

  private final Database db;

  public UiSettings(Database db) {
    this.db = db;
  }

  /** Reads the appearance; call it off the FX thread (at start, in {@code Application.init}). */
  public Appearance appearance() {
    return read(APPEARANCE).map(n -> new Appearance(n.path("dark").asBoolean(true),
        n.path("highContrast").asBoolean(false),
        n.path("fontSize").asDouble(Appearance.DEFAULT_FONT_SIZE))).orElse(Appearance.DEFAULT);
  }

  /** Reads the window's place; call it off the FX thread. */
  public WindowState window() {
    return read(WINDOW).map(n -> new WindowState(number(n, "x"), number(n, "y"),
        n.path("width").asDouble(WindowState.DEFAULT_WIDTH), n.path("height").asDouble(WindowState.DEFAULT_HEIGHT),
        n.path("maximized").asBoolean(false), uuid(n.path("conversation").asText("")))).orElse(WindowState.DEFAULT);
  }

  public CompletableFuture<Void> save(Appearance a) {
    ObjectNode n = JsonSettings.object();
    n.put("dark", a.dark());
    n.put("highContrast", a.highContrast());
    n.put("fontSize", a.fontSize());
    return write(APPEARANCE, n);
  }

  public CompletableFuture<Void> save(WindowState w) {
    ObjectNode n = JsonSettings.object();
    if (w.hasPosition()) {
      n.put("x", w.x());
      n.put("y", w.y());
    }
    n.put("width", w.width());
    n.put("height", w.height());
    n.put("maximized", w.maximized());
    if (w.conversation() != null) {
      n.put("conversation", w.conversation().toString());
    }
    return write(WINDOW, n);
  }

  private Optional<JsonNode> read(String key) {
    return JsonSettings.read(db, key);
  }

  private CompletableFuture<Void> write(String key, ObjectNode value) {
    return JsonSettings.write(db, key, value);
  }

  private static double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
  }

  private static UUID uuid(String text) {
    try {
      return text.isEmpty() ? null : UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
