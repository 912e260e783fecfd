package dev.pith.app.cli;

import picocli.CommandLine.Option;

/** The {@code --threads} option of the commands that run a model. */
final class ThreadsOption {
  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "CPU threads for the model (default: 0 = automatic).")
  private int threads;

  /**
   * The thread count, 0 for automatic.
   *
   * @throws IllegalArgumentException when it is negative
   */
  int get() {
    if (threads < 0) {
      throw new IllegalArgumentException("--threads must be >= 0 (0 = automatic), got " + threads);
    }
    return threads;
  }
}
