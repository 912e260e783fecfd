package dev.pith.app.cli;

import dev.pith.app.kiosk.KioskPolicy;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.app.kiosk.PinRecordException;
import dev.pith.storage.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pith kiosk status}: whether the window starts as a kiosk, how it starts over, and whether a PIN is set. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show whether kiosk mode is on, its idle time and policy, and whether an admin PIN is set.")
final class KioskStatusCommand implements Callable<Integer> {
  private static final String ROW = "%-12s %s%n";

  @ParentCommand private KioskCommand kiosk;
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    KioskSettings settings;
    String pin;
    try (Database db = Databases.openToLook(kiosk.root().dataDir(), spec.commandLine().getErr())) {
      settings = KioskStore.settings(db);
      try {
        pin = KioskStore.pin(db).isPresent() ? "set" : "not set (pith kiosk set-pin)";
      } catch (PinRecordException e) {
        pin = e.getMessage();
      }
    }
    boolean usable = pin.equals("set");
    out.printf(ROW, "Kiosk mode", !settings.enabled() ? "off (pith --kiosk starts it once; pith kiosk on always)"
        : usable ? "on: the window starts full screen for visitors"
        : "on, but without a usable admin PIN the window opens as a normal window");
    out.printf(ROW, "Start over", "after " + minutes(settings.idleMinutes()) + " without use");
    out.printf(ROW, "Policy", settings.policy().id() + (settings.policy() == KioskPolicy.WIPE
        ? ": the visitor's conversation is deleted" : ": the visitor's conversation stays in the history"));
    out.printf(ROW, "Admin PIN", pin);
    return 0;
  }

  static String minutes(int n) {
    return n == 1 ? "1 minute" : n + " minutes";
  }
}
