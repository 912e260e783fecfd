package dev.pith.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;

/**
 * Starts the JavaFX window. Kept apart from {@link Main} so a command-line run never loads JavaFX.
 *
 * <p>From {@code java -jar} JavaFX runs from the class path and warns once that this is an "unsupported
 * configuration"; it works, and the packaged app (jlink) will load JavaFX as modules.
 */
final class GuiLauncher {
  private GuiLauncher() {}

  /**
   * Opens the window and returns when it is closed.
   *
   * @param dataDir the data folder, or null for the default
   * @param model the model folder to load at start
   * @param kiosk open in kiosk mode (else the saved setting decides)
   * @return the process exit code: 0, or 1 with one line on stderr when no window can be opened (no
   *     display, missing GTK libraries)
   */
  static int launch(Path dataDir, Optional<Path> model, boolean kiosk) {
    List<String> args = new ArrayList<>();
    if (dataDir != null) {
      args.add("--" + PithApp.DATA_DIR + "=" + dataDir.toAbsolutePath());
    }
    model.ifPresent(dir -> args.add("--" + PithApp.MODEL + "=" + dir.toAbsolutePath()));
    if (kiosk) {
      args.add("--" + PithApp.KIOSK + "=true");
    }
    try {
      Application.launch(PithApp.class, args.toArray(String[]::new));
      return PithApp.exitCode();
    } catch (RuntimeException e) {
      System.err.println("pith: cannot open the window: " + e.getMessage()
          + " (the command line works without one: pith --help)");
      return 1;
    }
  }
}
