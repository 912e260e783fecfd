package dev.pith.app.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kiosk mode's two entries in the database's settings table, shared by the window and {@code pith kiosk}:
 * <pre>
 * "kiosk"      {"enabled": false, "idleMinutes": 3, "policy": "wipe"}        ({@link KioskSettings})
 * "kiosk.pin"  {"algorithm": ..., "iterations": ..., "salt": ..., "hash": ...}  ({@link PinRecord})
 * </pre>
 * The settings are read forgivingly, like the window's other settings: a field that is missing or out of range
 * takes its default. The PIN is not: a damaged record is an error ({@link PinRecordException}), because guessing
 * would either lock staff out or let anyone in.
 *
 * <p>Reads run on the calling thread (off the FX thread); the {@code save} methods write on the database's writer
 * thread.
 */
public final class KioskStore {
  public static final String KEY = "kiosk";
  public static final String PIN_KEY = "kiosk.pin";
  private static final Logger LOG = LoggerFactory.getLogger(KioskStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private KioskStore() {}

  /** The saved kiosk settings, or the defaults (off, 3 minutes, wipe). */
  public static KioskSettings settings(Database db) {
    Optional<String> text = db.read(c -> new SettingsDao(c).get(KEY));
    if (text.isEmpty()) {
      return KioskSettings.DEFAULT;
    }
    JsonNode n;
    try {
      n = JSON.readTree(text.get());
    } catch (IOException e) {
      LOG.warn("cannot read the {} setting; using the defaults", KEY, e);
      return KioskSettings.DEFAULT;
    }
    KioskSettings d = KioskSettings.DEFAULT;
    JsonNode enabled = n.path("enabled");
    JsonNode minutes = n.path("idleMinutes");
    KioskPolicy policy = n.path("policy").isTextual() ? KioskPolicy.ofId(n.path("policy").asText()) : null;
    return new KioskSettings(enabled.isBoolean() ? enabled.asBoolean() : d.enabled(),
        minutes.isInt() && minutes.asInt() >= KioskSettings.MIN_IDLE_MINUTES
            && minutes.asInt() <= KioskSettings.MAX_IDLE_MINUTES ? minutes.asInt() : d.idleMinutes(),
        policy != null ? policy : d.policy());
  }

  /**
   * The stored admin PIN, if one is set.
   *
   * @throws PinRecordException when the stored record is damaged
   */
  public static Optional<PinRecord> pin(Database db) {
    return db.read(c -> new SettingsDao(c).get(PIN_KEY)).map(PinRecord::fromJson);
  }

  /** Writes {@code settings} within a transaction that is already open ({@code Database.write}'s). */
  public static void put(Connection c, KioskSettings settings, Instant now) throws SQLException {
    ObjectNode n = JSON.createObjectNode();
    n.put("enabled", settings.enabled());
    n.put("idleMinutes", settings.idleMinutes());
    n.put("policy", settings.policy().id());
    new SettingsDao(c).put(KEY, n.toString(), now);
  }

  /** Writes the admin PIN's record within a transaction that is already open. */
  public static void put(Connection c, PinRecord pin, Instant now) throws SQLException {
    new SettingsDao(c).put(PIN_KEY, pin.toJson(), now);
  }

  public static CompletableFuture<Void> save(Database db, KioskSettings settings) {
    Instant now = db.clock().instant();
    return db.write("saving the kiosk settings", c -> {
      put(c, settings, now);
      return null;
    });
  }

  public static CompletableFuture<Void> savePin(Database db, PinRecord pin) {
    Instant now = db.clock().instant();
    return db.write("saving the admin PIN", c -> {
      put(c, pin, now);
      return null;
    });
  }
}
