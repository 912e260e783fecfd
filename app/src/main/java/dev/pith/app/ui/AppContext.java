package dev.pith.app.ui;

import dev.pith.app.cli.BackendLoader;
import dev.pith.app.cloud.ApiKeyStore;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;

/**
 * Everything the window is built from (the composition root's output): the open database, how models load,
 * the model to open, the clock, and the outside world. Tests build one on a temporary folder.
 *
 * @param db the open database (the caller closes it after the window)
 * @param modelsDir where model folders live ({@code <data-dir>/models}), named in the empty state
 * @param model the model folder to load at start, if any
 * @param backends how a model folder becomes a running backend
 * @param cpu how the CPU backend is configured; Settings → Backend sets its threads and context length on top
 * @param clock the time written on messages and used to group conversations
 * @param zone the user's time zone, for Today / Yesterday
 * @param environment the process environment (PATH, for espeak-ng; PITH_SYSFS_ROOT, where Settings looks for
 *     the hardware)
 * @param power the machine's power meter, read in the background; the window borrows it (its owner closes it)
 * @param kiosk what the window may offer: everything, or kiosk mode's little (the one place later features such as
 *     the cloud escalation ask whether they may show themselves)
 * @param exit ends the application: the kiosk's staff menu "Quit Pith" ({@code Platform::exit}; tests record it)
 */
public record AppContext(Database db, Path modelsDir, Optional<Path> model, BackendLoader backends,
    CpuBackendOptions cpu, Clock clock, ZoneId zone, Map<String, String> environment,
    PowerSampler power, KioskMode kiosk, Runnable exit) {

  public AppContext {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(modelsDir, "modelsDir");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(backends, "backends");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(zone, "zone");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(power, "power");
    Objects.requireNonNull(kiosk, "kiosk");
    Objects.requireNonNull(exit, "exit");
  }

  /** A normal window (no kiosk mode) that ends the application with {@code Platform.exit()}. */
  public AppContext(Database db, Path modelsDir, Optional<Path> model, BackendLoader backends,
      CpuBackendOptions cpu, Clock clock, ZoneId zone, Map<String, String> environment, PowerSampler power) {
    this(db, modelsDir, model, backends, cpu, clock, zone, environment, power, KioskMode.OFF, Platform::exit);
  }

  /**
   * Where the cloud API key is kept for this user: {@code PITH_CLOUD_API_KEY} from {@link #environment}, else the
   * key file under {@code XDG_CONFIG_HOME} (from the environment too) or {@code ~/.config}.
   */
  public ApiKeyStore apiKeys() {
    return ApiKeyStore.of(environment, Path.of(System.getProperty("user.home")));
  }

  /** This context in {@code mode}, ending the application with {@code exitAction}. */
  public AppContext withKiosk(KioskMode mode, Runnable exitAction) {
    return new AppContext(db, modelsDir, model, backends, cpu, clock, zone, environment, power, mode, exitAction);
  }
}
