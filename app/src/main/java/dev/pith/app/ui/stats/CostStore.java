package dev.pith.app.ui.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.app.ui.settings.JsonSettings;
import dev.pith.storage.Database;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The cost panel's prices in the settings table: {@code "costs": {"electricityPerKwh": 0.15, "cloudPer1MTokens":
 * null}}. A missing or unreadable field takes its default (0.15 per kWh; no cloud price).
 */
public final class CostStore {
  public static final String KEY = "costs";

  private final Database db;

  public CostStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** The saved prices, or the defaults. Reads the database: off the FX thread. */
  public CostPrefs read() {
    return JsonSettings.read(db, KEY).map(CostStore::of).orElse(CostPrefs.DEFAULT);
  }

  /** Keeps {@code prefs}, on the database's writer thread. */
  public CompletableFuture<Void> save(CostPrefs prefs) {
    ObjectNode n = JsonSettings.object();
    n.put("electricityPerKwh", prefs.electricityPerKwh());
    if (prefs.cloudPer1MTokens() == null) {
      n.putNull("cloudPer1MTokens");
    } else {
      n.put("cloudPer1MTokens", prefs.cloudPer1MTokens());
    }
    return JsonSettings.write(db, KEY, n);
  }

  static CostPrefs of(JsonNode n) {
    double electricity = JsonSettings.number(n, "electricityPerKwh", CostPrefs.ELECTRICITY,
        CostPrefs.DEFAULT.electricityPerKwh());
    JsonNode cloud = n.get("cloudPer1MTokens");
    Double cloudPrice = cloud != null && cloud.isNumber() && CostPrefs.CLOUD.contains(cloud.asDouble())
        ? cloud.asDouble() : null;
    return new CostPrefs(electricity, cloudPrice);
  }
}
