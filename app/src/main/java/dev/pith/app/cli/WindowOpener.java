package dev.pith.app.cli;

import java.nio.file.Path;
import java.util.Optional;

/** Opens the window for {@code pith [--data-dir DIR] [--model DIR|ID] [--kiosk]}; returns when it closes. */
@FunctionalInterface
public interface WindowOpener {

  /**
   * @param dataDir the data folder
   * @param model the model folder to load, if one was named or is the only one installed
   * @param kiosk open in kiosk mode (an admin PIN is set: the command line checked)
   * @return the exit code
   */
  int open(Path dataDir, Optional<Path> model, boolean kiosk);

  /** For contexts without a window (tests of the command line): says so. */
  WindowOpener NONE = (dataDir, model, kiosk) -> {
    throw new CliException("this program has no window; use a subcommand (pith --help)");
  };
}
