package dev.pith.storage.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.TestClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsDaoTest {
  @TempDir Path dir;

  @Test
  void removeStartingWithTakesOnlyThatFamilyOfKeys() {
    TestClock clock = new TestClock();
    try (Database db = Fixtures.open(dir, clock)) {
      db.writeAndWait("test", c -> {
        SettingsDao settings = new SettingsDao(c);
        settings.put("conversation.a.generation", "{}", clock.instant());
        settings.put("conversation.b.generation", "{}", clock.instant());
        settings.put("conversation_x", "1", clock.instant()); // '_' is a LIKE wildcard: must not match
        settings.put("generation", "{}", clock.instant());
        return null;
      });
      int removed = db.writeAndWait("test", c -> new SettingsDao(c).removeStartingWith("conversation."));
      assertEquals(2, removed);
      assertEquals(List.of("conversation_x", "generation"),
          List.copyOf(db.read(c -> new SettingsDao(c).all()).keySet()));
    }
  }
}
