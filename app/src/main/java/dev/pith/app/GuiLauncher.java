package dev.pith.app;

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
   * @return the process exit code: 0, or 1 with one line on stderr when no window can be opened (no
   *     display, missing GTK libraries)
   */
  static int launch(String[] args) {
    try {
      Application.launch(PithApp.class, args);
      return 0;
    } catch (RuntimeException e) {
      System.err.println("pith: cannot open the window: " + e.getMessage()
          + " (the command line works without one: pith --help)");
      return 1;
    }
  }
}
