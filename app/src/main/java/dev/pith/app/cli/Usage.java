package dev.pith.app.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option checks that run after parsing, reported like parse errors. */
final class Usage {
  private Usage() {}

  /**
   * Runs {@code step}, turning a contradiction or an out-of-range value (an {@link IllegalArgumentException}
   * with a one-line message) into a usage error of {@code spec}'s command (exit code 2).
   */
  static <T> T check(CommandSpec spec, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
