package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.kiosk.AdminPin;
import dev.pith.app.kiosk.KioskPolicy;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.app.kiosk.PinRecord;
import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pith kiosk set-pin|status|on|off} and {@code pith --kiosk}, run in-process on a real database. */
class KioskCommandTest {
  @TempDir Path home;

  private Path data() {
    return home.resolve("data");
  }

  private CliRun run(CliContext context, String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", data().toString()));
    all.addAll(List.of(args));
    return CliRun.of(context, all.toArray(String[]::new));
  }

  private CliRun piped(String stdin, String... args) {
    return run(TestContexts.isolated(home).withTerminal(Terminal.piped(stdin)), args);
  }

  private Optional<PinRecord> storedPin() {
    try (Database db = Database.open(data())) {
      return KioskStore.pin(db);
    }
  }

  private KioskSettings storedSettings() {
    try (Database db = Database.open(data())) {
      return KioskStore.settings(db);
    }
  }

  @Test
  void setPinReadsThePinTwiceFromAPipeAndStoresOnlyItsHash() {
    CliRun run = piped("4826\n4826\n", "kiosk", "set-pin");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("Admin PIN set."), run::toString);
    PinRecord pin = storedPin().orElseThrow();
    assertTrue(AdminPin.matches("4826".toCharArray(), pin));
    try (Database db = Database.open(data())) {
      String stored = db.read(c -> new SettingsDao(c).get(KioskStore.PIN_KEY)).orElseThrow();
      assertTrue(stored.contains("\"iterations\":" + AdminPin.ITERATIONS), stored);
    }

    CliRun again = piped("97531\n97531\n", "kiosk", "set-pin");
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(again.out().startsWith("Admin PIN changed."), again::toString);
    assertTrue(AdminPin.matches("97531".toCharArray(), storedPin().orElseThrow()));
  }

  @Test
  void setPinRefusesTwoDifferentPinsAndKeepsTheOldOne() {
    piped("4826\n4826\n", "kiosk", "set-pin");
    CliRun run = piped("1111\n2222\n", "kiosk", "set-pin");
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals(List.of("pith: the two PINs differ; nothing was changed"), run.errLines());
    assertTrue(AdminPin.matches("4826".toCharArray(), storedPin().orElseThrow()));
  }

  @Test
  void setPinRefusesWhatIsNotFourToTwelveDigitsInOneLine() {
    for (String bad : List.of("12ab\n12ab\n", "123\n123\n", "1234567890123\n1234567890123\n", "\n\n")) {
      CliRun run = piped(bad, "kiosk", "set-pin");
      assertEquals(2, run.exitCode(), run::toString);
      assertEquals(List.of("pith: the admin PIN must be 4 to 12 digits (0-9)"), run.errLines(), bad);
    }
    CliRun none = piped("", "kiosk", "set-pin");
    assertEquals(2, none.exitCode(), none::toString);
    assertEquals(1, none.errLines().size(), none::toString);
    assertTrue(none.err().contains("no PIN was given"), none::toString);
    assertEquals(Optional.empty(), storedPin());
  }

  @Test
  void setPinTakesThePinFromTheEnvironmentForProvisioningScripts() {
    CliContext context = TestContexts.withEnvironment(home, Map.of("PITH_KIOSK_PIN", "135792"));
    CliRun run = run(context, "kiosk", "set-pin");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(AdminPin.matches("135792".toCharArray(), storedPin().orElseThrow()));

    CliRun bad = run(TestContexts.withEnvironment(home, Map.of("PITH_KIOSK_PIN", "13x")), "kiosk", "set-pin");
    assertEquals(2, bad.exitCode(), bad::toString);
    assertEquals(List.of("pith: the admin PIN must be 4 to 12 digits (0-9)"), bad.errLines());
  }

  @Test
  void statusSaysWhatIsSet() {
    CliRun before = piped("", "kiosk", "status");
    assertEquals(0, before.exitCode(), before::toString);
    assertEquals(List.of(
        "Kiosk mode   off (pith --kiosk starts it once; pith kiosk on always)",
        "Start over   after 3 minutes without use",
        "Policy       wipe: the visitor's conversation is deleted",
        "Admin PIN    not set (pith kiosk set-pin)"), before.outLines());

    piped("4826\n4826\n", "kiosk", "set-pin");
    piped("", "kiosk", "on", "--idle-minutes", "10", "--policy", "keep");
    CliRun after = piped("", "kiosk", "status");
    assertEquals(List.of(
        "Kiosk mode   on: the window starts full screen for visitors",
        "Start over   after 10 minutes without use",
        "Policy       keep: the visitor's conversation stays in the history",
        "Admin PIN    set"), after.outLines());
  }

  @Test
  void onNeedsAPinAndOffAlwaysWorks() {
    CliRun refused = piped("", "kiosk", "on");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertEquals(List.of("pith: kiosk mode needs an admin PIN first: run pith kiosk set-pin"), refused.errLines());
    assertFalse(storedSettings().enabled());

    piped("4826\n4826\n", "kiosk", "set-pin");
    CliRun on = piped("", "kiosk", "on");
    assertEquals(0, on.exitCode(), on::toString);
    assertEquals(new KioskSettings(true, 3, KioskPolicy.WIPE), storedSettings());

    CliRun off = piped("", "kiosk", "off");
    assertEquals(0, off.exitCode(), off::toString);
    assertEquals("Kiosk mode off: the window starts as a normal window.", off.out().strip());
    assertEquals(new KioskSettings(false, 3, KioskPolicy.WIPE), storedSettings());

    CliRun outOfRange = piped("", "kiosk", "on", "--idle-minutes", "0");
    assertEquals(2, outOfRange.exitCode(), outOfRange::toString);
    assertEquals(List.of("pith: the idle time must be 1 to 120 minutes, not 0"), outOfRange.errLines());
  }

  @Test
  void theWindowInKioskModeNeedsAPinFirst() {
    List<String> opened = new ArrayList<>();
    CliContext context = TestContexts.isolated(home).withWindow((dataDir, model, kiosk) -> {
      opened.add(dataDir + " kiosk=" + kiosk);
      return 0;
    });
    CliRun refused = run(context, "--kiosk");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertEquals(List.of("pith: kiosk mode needs an admin PIN first: run pith kiosk set-pin"), refused.errLines());
    assertEquals(List.of(), opened, "no window opened");

    try (Database db = Database.open(data())) {
      db.writeAndWait("damage", c -> {
        new SettingsDao(c).put(KioskStore.PIN_KEY, "{\"algorithm\":\"rot13\"}", Instant.now());
        return null;
      });
    }
    CliRun damaged = run(context, "--kiosk");
    assertEquals(2, damaged.exitCode(), damaged::toString);
    assertTrue(damaged.err().startsWith("pith: the stored admin PIN is damaged ("), damaged::toString);

    piped("4826\n4826\n", "kiosk", "set-pin");
    CliRun started = run(context, "--kiosk");
    assertEquals(0, started.exitCode(), started::toString);
    assertEquals(List.of(data() + " kiosk=true"), opened);
  }

  @Test
  void kioskAloneAsksForASubcommand() {
    CliRun run = piped("", "kiosk");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("a subcommand is needed: set-pin, status, on or off"), run::toString);
  }
}
