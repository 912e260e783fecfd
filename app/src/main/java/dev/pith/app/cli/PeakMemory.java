package dev.pith.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** The process's peak resident set size, where the OS tells it (Linux {@code /proc/self/status}). */
final class PeakMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private PeakMemory() {}

  /** VmHWM in KiB, or empty when this OS has no {@code /proc/self/status}. */
  static OptionalLong peakRssKib() {
    if (!Files.isReadable(STATUS)) {
      return OptionalLong.empty();
    }
    try {
      return parseVmHwm(Files.readAllLines(STATUS));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** Reads a line like {@code VmHWM:   123456 kB}. */
  static OptionalLong parseVmHwm(List<String> statusLines) {
    for (String line : statusLines) {
      if (line.startsWith("VmHWM:")) {
        String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
        try {
          return OptionalLong.of(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
