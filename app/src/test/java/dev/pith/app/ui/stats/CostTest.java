package dev.pith.app.ui.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostTest {
  @TempDir Path dir;

  @Test
  void aMillionTokensCostTheirKilowattHoursAtThePrice() {
    // 0.52 J/token × 1e6 = 520,000 J = 0.1444 kWh; × 0.15 = 0.02167
    assertEquals(0.52 * 1e6 / 3.6e6 * 0.15, Cost.perMillionTokens(0.52, 0.15), 1e-15);
    assertEquals(0.5 * 0.30, Cost.perMillionTokens(1.8, 0.30), 1e-15, "1.8 J/token: half a kWh per 1M tokens");
  }

  @Test
  void theFormulaIsWrittenOutWithTheUsersNumbers() {
    assertEquals("0.52 J/token × 1,000,000 ÷ 3,600,000 J/kWh × 0.15 per kWh = 0.0217 per 1M tokens",
        Cost.formula(0.52, 0.15));
    assertEquals("0.524 J/token × 1,000,000 ÷ 3,600,000 J/kWh × 0.3 per kWh = 0.0437 per 1M tokens",
        Cost.formula(0.52371, 0.30), "worked out from the J/token as shown, so it checks by hand");
    assertEquals("12.3 J/token × 1,000,000 ÷ 3,600,000 J/kWh × 2 per kWh = 6.83 per 1M tokens",
        Cost.formula(12.34, 2));
    assertEquals("2.50", Cost.money(2.5));
    assertEquals("1850", Cost.plain(1849.7));
  }

  @Test
  void pricesAreKeptUnderCostsAndAnUnreadableFieldTakesItsDefault() throws Exception {
    try (Database db = Database.open(dir)) {
      CostStore store = new CostStore(db);
      assertEquals(CostPrefs.DEFAULT, store.read());
      assertEquals(0.15, CostPrefs.DEFAULT.electricityPerKwh());

      store.save(new CostPrefs(0.32, 0.6)).join();
      assertEquals(new CostPrefs(0.32, 0.6), new CostStore(db).read());
      assertEquals("{\"electricityPerKwh\":0.32,\"cloudPer1MTokens\":0.6}",
          db.read(c -> new SettingsDao(c).get(CostStore.KEY)).orElseThrow());

      store.save(new CostPrefs(0.32, null)).join();
      assertEquals(new CostPrefs(0.32, null), store.read());

      db.writeAndWait("hand edit", c -> {
        new SettingsDao(c).put(CostStore.KEY, "{\"electricityPerKwh\":\"cheap\",\"cloudPer1MTokens\":-4}",
            Instant.now());
        return null;
      });
      assertEquals(CostPrefs.DEFAULT, store.read());
    }
  }
}
