package dev.pith.app.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kiosk mode's settings and PIN in a real database file. */
class KioskStoreTest {
  @TempDir Path dir;

  private static void put(Database db, String key, String json) {
    db.writeAndWait("test", c -> {
      new SettingsDao(c).put(key, json, Instant.now());
      return null;
    });
  }

  @Test
  void settingsAreSavedAndReadBackAndDefaultToOffThreeMinutesWipe() {
    try (Database db = Database.open(dir)) {
      assertEquals(new KioskSettings(false, 3, KioskPolicy.WIPE), KioskStore.settings(db));
      KioskSettings saved = new KioskSettings(true, 45, KioskPolicy.KEEP);
      KioskStore.save(db, saved).join();
      assertEquals(saved, KioskStore.settings(db));
      assertEquals(Optional.of("{\"enabled\":true,\"idleMinutes\":45,\"policy\":\"keep\"}"),
          db.read(c -> new SettingsDao(c).get(KioskStore.KEY)));
    }
  }

  @Test
  void aHandEditedSettingKeepsWhatItCanAndDefaultsTheRest() {
    try (Database db = Database.open(dir)) {
      put(db, KioskStore.KEY, "{\"enabled\":true,\"idleMinutes\":500,\"policy\":\"shred\"}");
      assertEquals(new KioskSettings(true, 3, KioskPolicy.WIPE), KioskStore.settings(db));
      put(db, KioskStore.KEY, "[1,2]");
      assertEquals(KioskSettings.DEFAULT, KioskStore.settings(db));
    }
  }

  @Test
  void thePinIsStoredAsItsRecordAndADamagedOneIsAnError() {
    try (Database db = Database.open(dir)) {
      assertEquals(Optional.empty(), KioskStore.pin(db));
      PinRecord record = AdminPin.hash("8642".toCharArray());
      KioskStore.savePin(db, record).join();
      assertEquals(Optional.of(record), KioskStore.pin(db));
      put(db, KioskStore.PIN_KEY, "{\"algorithm\":\"none\",\"iterations\":1,\"salt\":\"\",\"hash\":\"\"}");
      PinRecordException e = assertThrows(PinRecordException.class, () -> KioskStore.pin(db));
      assertTrue(e.getMessage().contains("its algorithm is 'none'"), e.getMessage());
    }
  }
}
