package dev.pith.app.cli;

import dev.pith.app.cloud.ApiKeyException;
import dev.pith.app.cloud.ApiKeyStore;
import dev.pith.app.cloud.CloudSettings;
import dev.pith.app.cloud.CloudStore;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.storage.Database;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith cloud}: the API key for "Ask the cloud" and what is set. The key is read from stdin (without echo at
 * a terminal) and kept in {@code $XDG_CONFIG_HOME/pith/cloud-api-key} (else {@code ~/.config/pith/}), mode 0600,
 * never in the database; {@code PITH_CLOUD_API_KEY} wins over it. No command prints the key.
 */
@Command(name = "cloud", mixinStandardHelpOptions = true,
    description = "The cloud escalation's API key (set-key, remove-key) and what is set (status).")
final class CloudCommand implements Callable<Integer> {
  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "a subcommand is needed: set-key, remove-key or status");
  }

  private ApiKeyStore keys() {
    return ApiKeyStore.of(root.context().environment(), root.context().userHome());
  }

  @Command(name = "set-key", mixinStandardHelpOptions = true,
      description = "Store the API key, typed without echo or read from the first line of stdin "
          + "(printf '%s\\n' \"$KEY\" | pith cloud set-key).")
  int setKey() {
    ApiKeyStore keys = keys();
    String key;
    Terminal terminal = root.context().terminal();
    Console console = terminal.interactive() ? System.console() : null;
    if (console != null) {
      char[] typed = console.readPassword("API key (not shown): ");
      key = typed == null ? "" : new String(typed);
      if (typed != null) {
        java.util.Arrays.fill(typed, '\0');
      }
    } else {
      try {
        String line = new BufferedReader(terminal.in()).readLine();
        key = line == null ? "" : line;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      keys.save(ApiKeyStore.check(key));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage() + "; nothing was changed", 2);
    } catch (ApiKeyException e) {
      throw new CliException(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("API key saved in " + keys.file() + " (readable by you only).");
    if (keys.source() == ApiKeyStore.Source.ENVIRONMENT) {
      out.println(ApiKeyStore.ENV + " is set in this environment and is used instead.");
    }
    out.flush();
    return 0;
  }

  @Command(name = "remove-key", mixinStandardHelpOptions = true, description = "Delete the stored API key.")
  int removeKey() {
    ApiKeyStore keys = keys();
    boolean removed;
    try {
      removed = keys.remove();
    } catch (ApiKeyException e) {
      throw new CliException(e.getMessage(), e);
    }
    spec.commandLine().getOut().println(removed ? "API key removed from " + keys.file() + "."
        : "No API key was stored in " + keys.file() + ".");
    spec.commandLine().getOut().flush();
    return 0;
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Whether the cloud can be asked, where, and where the key comes from (never the key).")
  int status() {
    ApiKeyStore keys = keys();
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Databases.openToLook(root.dataDir(), spec.commandLine().getErr())) {
      CloudSettings cloud = CloudStore.cloud(db);
      boolean kiosk = KioskStore.settings(db).enabled();
      out.println("Enabled   " + cloud.enabled() + (kiosk ? " (but kiosk mode is on: the cloud is never asked)"
          : ""));
      out.println("Base URL  " + (cloud.baseUrl().isBlank() ? "(not set)" : cloud.baseUrl()));
      out.println("Model     " + (cloud.model().isBlank() ? "(not set)" : cloud.model()));
      out.println("API key   " + switch (keys.source()) {
        case ENVIRONMENT -> "from " + ApiKeyStore.ENV;
        case FILE -> "in " + keys.file();
        case NONE -> "not set (pith cloud set-key)";
      });
    }
    out.flush();
    return 0;
  }
}
