package dev.pith.app.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud's and the sanitizer's entries in the settings table, shared by the window and {@code pith settings}:
 * <pre>
 * "cloud"    {"enabled": false, "baseUrl": "", "model": ""}     ({@link CloudSettings})
 * "privacy"  {"phoneRegion": "", "terms": []}                   ({@link PrivacySettings})
 * </pre>
 * Read forgivingly like the window's other settings (a missing or unreadable field takes its default), with one
 * exception that keeps privacy first: an unreadable {@code enabled} reads as off. The API key is never here (see
 * {@link ApiKeyStore}). Reads run on the calling thread; writes wait for the writer thread.
 */
public final class CloudStore {
  public static final String CLOUD = "cloud";
  public static final String PRIVACY = "privacy";
  private static final Logger LOG = LoggerFactory.getLogger(CloudStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private CloudStore() {}

  public static CloudSettings cloud(Database db) {
    return object(db, CLOUD).map(n -> new CloudSettings(n.path("enabled").isBoolean() && n.path("enabled").asBoolean(),
        n.path("baseUrl").isTextual() ? n.path("baseUrl").asText() : "",
        n.path("model").isTextual() ? n.path("model").asText() : "")).orElse(CloudSettings.DEFAULT);
  }

  public static PrivacySettings privacy(Database db) {
    return object(db, PRIVACY).map(n -> {
      String region = n.path("phoneRegion").isTextual() ? n.path("phoneRegion").asText() : "";
      List<String> terms = new ArrayList<>();
      n.path("terms").forEach(t -> {
        if (t.isTextual()) {
          terms.add(t.asText());
        }
      });
      try {
        return new PrivacySettings(region, terms);
      } catch (IllegalArgumentException e) {
        LOG.warn("the saved phone region is not two letters; using the locale's");
        return new PrivacySettings("", terms);
      }
    }).orElse(PrivacySettings.DEFAULT);
  }

  public static void save(Database db, CloudSettings s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("enabled", s.enabled());
    n.put("baseUrl", s.baseUrl());
    n.put("model", s.model());
    put(db, CLOUD, n);
  }

  public static void save(Database db, PrivacySettings s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("phoneRegion", s.phoneRegion());
    ArrayNode terms = n.putArray("terms");
    s.terms().forEach(terms::add);
    put(db, PRIVACY, n);
  }

  private static void put(Database db, String key, ObjectNode value) {
    Instant now = db.clock().instant();
    db.writeAndWait("saving the " + key + " settings", c -> {
      new SettingsDao(c).put(key, value.toString(), now);
      return null;
    });
  }

  private static Optional<JsonNode> object(Database db, String key) {
    Optional<String> text = db.read(c -> new SettingsDao(c).get(key));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(text.get());
      return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
    } catch (IOException e) {
      LOG.warn("cannot read the {} setting; using the defaults", key);
      return Optional.empty();
    }
  }
}
