package dev.pith.app.cli;

import dev.pith.inference.cpu.CpuBackend;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the command line reads from the outside world, passed in so tests never touch the real
 * environment, home folder, stdin or model loader.
 *
 * @param environment the process environment ({@code PITH_HOME}, {@code XDG_DATA_HOME}, ...)
 * @param userHome the user's home folder
 * @param backends how a model folder becomes a running backend
 * @param terminal standard input, and whether it is a terminal
 * @param window opens the window when {@code pith} is given no subcommand
 */
public record CliContext(Map<String, String> environment, Path userHome, BackendLoader backends, Terminal terminal,
    WindowOpener window) {

  public CliContext {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(userHome, "userHome");
    Objects.requireNonNull(backends, "backends");
    Objects.requireNonNull(terminal, "terminal");
    Objects.requireNonNull(window, "window");
  }

  /** A context without a window. */
  public CliContext(Map<String, String> environment, Path userHome, BackendLoader backends, Terminal terminal) {
    this(environment, userHome, backends, terminal, WindowOpener.NONE);
  }

  /** The real process environment, stdin and the CPU backend. */
  public static CliContext system() {
    return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), CpuBackend::load,
        Terminal.system());
  }

  public CliContext withBackends(BackendLoader loader) {
    return new CliContext(environment, userHome, loader, terminal, window);
  }

  public CliContext withTerminal(Terminal t) {
    return new CliContext(environment, userHome, backends, t, window);
  }

  public CliContext withWindow(WindowOpener opener) {
    return new CliContext(environment, userHome, backends, terminal, opener);
  }
}
