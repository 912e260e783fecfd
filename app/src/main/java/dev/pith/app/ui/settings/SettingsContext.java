package dev.pith.app.ui.settings;

import dev.pith.app.kiosk.AdminPins;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.ui.AppContext;
import dev.pith.app.ui.chat.ChatController;
import dev.pith.app.ui.theme.ThemeService;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What a Settings page is built from. Pages read and save through {@link #store}, run disk and database reads on
 * {@link #io()} (never on the FX thread), and report saves with {@link #saves}.
 *
 * @param app the window's composition root: the database, the models folder, the model given at start, the
 *     CPU options, the environment
 * @param store the generation and backend settings (thread-safe)
 * @param chat the window's chat: the open conversation, the model state, loading a model, clearing history
 * @param theme the appearance, applied live
 * @param opener opens a URI with the desktop (a browser, a file manager); called off the FX thread
 * @param applyBackend saves new backend settings and reloads the model when they change how it runs
 * @param saves shows whether the last save worked
 * @param pins checks and changes the admin PIN (Settings → Kiosk)
 * @param applyKiosk tells a running kiosk its new idle time and policy (after they are saved)
 */
public record SettingsContext(AppContext app, SettingsStore store, ChatController chat, ThemeService theme,
    Consumer<String> opener, Consumer<BackendPrefs> applyBackend, SaveStatus saves, AdminPins pins,
    Consumer<KioskSettings> applyKiosk) {
  public SettingsContext {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(theme, "theme");
    Objects.requireNonNull(opener, "opener");
    Objects.requireNonNull(applyBackend, "applyBackend");
    Objects.requireNonNull(saves, "saves");
    Objects.requireNonNull(pins, "pins");
    Objects.requireNonNull(applyKiosk, "applyKiosk");
  }

  /** The "pith-ui-io" thread, for reads of the database and the disk. */
  public Executor io() {
    return chat.io();
  }

  /** The data folder: the database, its backups and the models folder. */
  public Path dataDir() {
    return app.db().file().toAbsolutePath().getParent();
  }
}
