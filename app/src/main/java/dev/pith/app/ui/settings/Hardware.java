package dev.pith.app.ui.settings;

import dev.pith.inference.hailo.HailoDevices;
import dev.pith.inference.hailo.HailoOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Settings → Backend shows about this machine: the processor, memory, system and any Hailo NPU.
 *
 * @param cpu the processor's name ("Intel(R) Core(TM) i5-8250U", "Cortex-A76"); empty when unknown
 * @param board the board's name on a single-board computer ("Raspberry Pi 5 Model B Rev 1.0"); else empty
 * @param cores processors the system has
 * @param memoryBytes total memory; 0 when unknown
 * @param system the operating system and its version
 * @param arch the processor architecture the JVM runs on ({@code aarch64}, {@code amd64})
 * @param npus Hailo devices on the PCI bus
 */
public record Hardware(String cpu, String board, int cores, long memoryBytes, String system, String arch,
    List<HailoDevices.Device> npus) {
  /** The environment variable that moves where {@code /proc} and {@code /sys} are read (tests use a tree). */
  public static final String ROOT_VARIABLE = HailoOptions.ROOT_VARIABLE;

  public Hardware {
    npus = List.copyOf(npus);
  }

  /** ARM's part numbers of the cores Pith is likely to meet (a Pi's /proc/cpuinfo names no model). */
  private static final Map<String, String> ARM_PARTS = Map.of("0xd03", "Cortex-A53", "0xd08", "Cortex-A72",
      "0xd0b", "Cortex-A76", "0xd05", "Cortex-A55", "0xd07", "Cortex-A57");

  /**
   * Reads it from {@code /proc} and {@code /sys} under the root that {@code environment} names (default
   * {@code /}), and from the JVM where those say nothing. Reads files: off the FX thread.
   */
  public static Hardware probe(Map<String, String> environment) {
    Path root = Path.of(environment.getOrDefault(ROOT_VARIABLE, "/"));
    List<String> cpuinfo = lines(root.resolve("proc/cpuinfo"));
    String cpu = field(cpuinfo, "model name");
    if (cpu.isEmpty()) {
      cpu = ARM_PARTS.getOrDefault(field(cpuinfo, "CPU part").toLowerCase(Locale.ROOT), "");
    }
    int processors = (int) cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
    return new Hardware(cpu, field(cpuinfo, "Model"),
        processors > 0 ? processors : Runtime.getRuntime().availableProcessors(), memory(root),
        System.getProperty("os.name", "") + " " + System.getProperty("os.version", ""),
        System.getProperty("os.arch", ""), HailoDevices.find(root));
  }

  /** MemTotal from /proc/meminfo, else what the JVM reports for the machine. */
  private static long memory(Path root) {
    String total = field(lines(root.resolve("proc/meminfo")), "MemTotal");
    if (total.endsWith(" kB")) {
      try {
        return Long.parseLong(total.substring(0, total.length() - 3).strip()) * 1024;
      } catch (NumberFormatException e) {
        // fall through to the JVM's figure
      }
    }
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }

  /** The value of the first "name : value" line for {@code name}; empty when none. */
  private static String field(List<String> lines, String name) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return "";
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
