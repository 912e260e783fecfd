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
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith kiosk}: kiosk mode from a terminal (a provisioning script, SSH to a Pi behind glass): the admin PIN,
 * whether the window starts as a kiosk, and how it starts over. The same settings as Settings → Kiosk.
 */
@Command(
    name = "kiosk",
    mixinStandardHelpOptions = true,
    description = "Kiosk mode: its admin PIN (set-pin), what is set (status), and whether the window starts in it"
        + " (on, off).",
    subcommands = {KioskSetPinCommand.class, KioskStatusCommand.class})
final class KioskCommand implements Callable<Integer> {
  static final String NEEDS_PIN = "kiosk mode needs an admin PIN first: run pith kiosk set-pin";

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  PithCommand root() {
    return root;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "a subcommand is needed: set-pin, status, on or off");
  }

  @Command(name = "on", mixinStandardHelpOptions = true,
      description = "The window starts in kiosk mode from now on (needs an admin PIN).")
  int on(
      @Option(names = "--idle-minutes", paramLabel = "N",
          description = "Minutes without use before the kiosk starts over (1-120; default: as set, else 3).")
      Integer idleMinutes,
      @Option(names = "--policy", paramLabel = "wipe|keep",
          description = "What happens to the conversation it leaves: wipe deletes it, keep keeps it in the history"
              + " (default: as set, else wipe).")
      KioskPolicy policy) {
    try (Database db = Databases.open(root.dataDir(), spec.commandLine().getErr())) {
      requirePin(db);
      KioskSettings next = KioskStore.settings(db).withEnabled(true);
      if (idleMinutes != null) {
        try {
          next = next.withIdleMinutes(idleMinutes);
        } catch (IllegalArgumentException e) {
          throw new CliException(e.getMessage(), 2);
        }
      }
      if (policy != null) {
        next = next.withPolicy(policy);
      }
      save(db, next);
      spec.commandLine().getOut().println("Kiosk mode on: the window starts full screen for visitors, and starts"
          + " over after " + KioskStatusCommand.minutes(next.idleMinutes()) + " without use ("
          + next.policy().id() + ").");
    }
    return 0;
  }

  @Command(name = "off", mixinStandardHelpOptions = true,
      description = "The window starts as a normal window from now on.")
  int off() {
    DataDir dir = root.dataDir();
    try (Database db = Databases.open(dir, spec.commandLine().getErr())) {
      save(db, KioskStore.settings(db).withEnabled(false));
    }
    spec.commandLine().getOut().println("Kiosk mode off: the window starts as a normal window.");
    return 0;
  }

  private static void save(Database db, KioskSettings settings) {
    db.writeAndWait("saving the kiosk settings", c -> {
      KioskStore.put(c, settings, db.clock().instant());
      return null;
    });
  }

  /**
   * Refuses (exit code 2) unless a usable admin PIN is stored in the data folder's database: a kiosk must never
   * start that nobody can leave. For {@code pith --kiosk}, just before the window opens.
   */
  static void requirePin(DataDir dir, PrintWriter err) {
    try (Database db = Databases.openBeforeWindow(dir, err)) {
      requirePin(db);
    }
  }

  private static void requirePin(Database db) {
    try {
      if (KioskStore.pin(db).isEmpty()) {
        throw new CliException(NEEDS_PIN, 2);
      }
    } catch (PinRecordException e) {
      throw new CliException(e.getMessage(), 2);
    }
  }
}
