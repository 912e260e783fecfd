package dev.pith.app.cli;

import dev.pith.app.kiosk.AdminPin;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.app.kiosk.PinRecord;
import dev.pith.app.kiosk.PinRecordException;
import dev.pith.storage.Database;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith kiosk set-pin}: sets or replaces the admin PIN that lets staff out of the kiosk. The PIN comes from
 * {@code PITH_KIOSK_PIN} when set (provisioning scripts), else it is typed twice at the terminal without echo, else
 * read as two lines from stdin ({@code printf '2468\n2468\n' | pith kiosk set-pin}). Only a salted hash is stored.
 *
 * <p>Replacing a PIN does not ask for the old one: whoever runs {@code pith} as this user owns the data folder,
 * database and all, and could remove the PIN anyway. The window's Settings → Kiosk does ask.
 */
@Command(name = "set-pin", mixinStandardHelpOptions = true,
    description = "Set the admin PIN (4-12 digits), typed twice, or two lines on stdin, or $PITH_KIOSK_PIN.")
final class KioskSetPinCommand implements Callable<Integer> {
  static final String ENV = "PITH_KIOSK_PIN";

  @ParentCommand private KioskCommand kiosk;
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    char[] pin = read();
    try {
      PinRecord record = AdminPin.hash(pin);
      boolean replaced;
      try (Database db = Databases.open(kiosk.root().dataDir(), spec.commandLine().getErr())) {
        replaced = hasPin(db);
        db.writeAndWait("saving the admin PIN", c -> {
          KioskStore.put(c, record, db.clock().instant());
          return null;
        });
      }
      spec.commandLine().getOut().println((replaced ? "Admin PIN changed." : "Admin PIN set.")
          + " Staff leave the kiosk with Ctrl+Alt+Shift+Q (or by holding the Pith name for 3 s) and this PIN.");
      return 0;
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private static boolean hasPin(Database db) {
    try {
      return KioskStore.pin(db).isPresent();
    } catch (PinRecordException e) {
      return true; // a damaged one is replaced
    }
  }

  /** The new PIN, checked: 4-12 digits, the same both times. Refusals are exit code 2. */
  private char[] read() {
    String fromEnv = kiosk.root().context().environment().get(ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return checked(fromEnv.strip().toCharArray());
    }
    Terminal terminal = kiosk.root().context().terminal();
    Console console = terminal.interactive() ? System.console() : null;
    char[] first;
    char[] second;
    if (console != null) {
      first = checked(orNone(console.readPassword("New admin PIN (4-12 digits): ")));
      second = orNone(console.readPassword("The same PIN again: "));
    } else {
      BufferedReader lines = new BufferedReader(terminal.in());
      first = checked(orNone(line(lines)));
      second = orNone(line(lines));
    }
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new CliException("the two PINs differ; nothing was changed", 2);
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  private static char[] line(BufferedReader lines) {
    try {
      return Optional.ofNullable(lines.readLine()).map(l -> l.strip().toCharArray()).orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static char[] orNone(char[] typed) {
    if (typed == null) {
      throw new CliException("no PIN was given: type it twice, pipe two lines into pith kiosk set-pin, or set "
          + ENV, 2);
    }
    return typed;
  }

  private static char[] checked(char[] pin) {
    if (!AdminPin.isValid(pin)) {
      Arrays.fill(pin, '\0');
      throw new CliException(AdminPin.RULE, 2);
    }
    return pin;
  }
}
