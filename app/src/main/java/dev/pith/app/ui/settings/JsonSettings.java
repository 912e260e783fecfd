package dev.pith.app.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings kept as JSON objects in the database's settings table, one per key. Reading is forgiving: a value
 * that is not an object, or a field that is missing, of the wrong type or out of range, gives the caller's
 * fallback for that part only (a hand-edited value, or one from a newer Pith, never stops the window).
 */
public final class JsonSettings {
  private static final Logger LOG = LoggerFactory.getLogger(JsonSettings.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonSettings() {}

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** The object kept under {@code key}; empty when unset or unreadable. Reads the database: off the FX thread. */
  public static Optional<JsonNode> read(Database db, String key) {
    try {
      Optional<String> text = db.read(c -> new SettingsDao(c).get(key));
      if (text.isPresent()) {
        JsonNode node = JSON.readTree(text.get());
        return node.isObject() ? Optional.of(node) : Optional.empty();
      }
    } catch (Exception e) {
      LOG.warn("cannot read the {} setting; using the default", key, e);
    }
    return Optional.empty();
  }

  /** Keeps {@code value} under {@code key}, on the database's writer thread. */
  public static CompletableFuture<Void> write(Database db, String key, ObjectNode value) {
    Instant now = db.clock().instant();
    return db.write("saving the " + key + " setting", c -> {
      new SettingsDao(c).put(key, value.toString(), now);
      return null;
    });
  }

  /** The number in {@code field} when it is one and within {@code range}, else {@code fallback}. */
  public static double number(JsonNode n, String field, NumberRange range, double fallback) {
    JsonNode v = n.get(field);
    return v != null && v.isNumber() && range.contains(v.asDouble()) ? v.asDouble() : fallback;
  }

  /** {@link #number} for a whole-number range. */
  public static int whole(JsonNode n, String field, NumberRange range, int fallback) {
    return (int) number(n, field, range, fallback);
  }

  /** The text in {@code field} when it is text, else {@code fallback}. */
  public static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : fallback;
  }
}
