package dev.pith.app.ui.status;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * How much memory Pith itself uses, for the status bar: on Linux the resident set size the kernel reports
 * ({@code VmRSS} in {@code /proc/self/status}), which counts the model's native ONNX Runtime buffers too; where
 * there is no such file (macOS, Windows) or it cannot be read, the JVM's own heap and non-heap use, which leaves
 * native memory out, and the reading says which of the two it is.
 *
 * <p>{@link #read()} reads a file: call it on a sampler thread, never on the JavaFX thread.
 */
public final class ProcessMemory {
  /** What a reading measures. */
  public enum Kind {
    /** The whole process's resident memory, native buffers included. */
    RESIDENT("resident set size (VmRSS)"),
    /** Only the JVM's heap and non-heap in use; native memory (the model) is not in it. */
    JVM("JVM heap + non-heap in use; the model's native memory is not counted");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** What it measures, for a tooltip. */
    public String description() {
      return description;
    }
  }

  /**
   * One reading.
   *
   * @param bytes memory in use, in bytes
   * @param kind what was measured
   */
  public record Reading(long bytes, Kind kind) {
    public Reading {
      Objects.requireNonNull(kind, "kind");
      if (bytes < 0) {
        throw new IllegalArgumentException("memory in use cannot be negative: " + bytes);
      }
    }

    /** The short figure, e.g. {@code 312 MB}. */
    public String text() {
      return format(bytes);
    }

    /** The figure with what it measures, e.g. {@code 312.4 MiB: resident set size (VmRSS)}. */
    public String description() {
      return String.format(Locale.ROOT, "%.1f MiB: %s", bytes / (double) MIB, kind.description());
    }
  }

  private static final long KIB = 1024;
  private static final long MIB = KIB * KIB;
  private static final Path PROC_SELF_STATUS = Path.of("/proc/self/status");
  private static final String VM_RSS = "VmRSS:";

  private final Path statusFile;
  private final LongSupplier jvmUsedBytes;

  /**
   * @param statusFile a file in the format of {@code /proc/self/status}
   * @param jvmUsedBytes the fallback when that file is missing or has no readable {@code VmRSS}
   */
  ProcessMemory(Path statusFile, LongSupplier jvmUsedBytes) {
    this.statusFile = Objects.requireNonNull(statusFile, "statusFile");
    this.jvmUsedBytes = Objects.requireNonNull(jvmUsedBytes, "jvmUsedBytes");
  }

  /** This process: {@code /proc/self/status}, else the JVM's own figures. */
  public static ProcessMemory ofThisProcess() {
    return new ProcessMemory(PROC_SELF_STATUS, ProcessMemory::jvmUsed);
  }

  /** Reads the memory in use now; the resident set size when the status file has it, else the JVM's use. */
  public Reading read() {
    OptionalLong rssKib = OptionalLong.empty();
    if (Files.isReadable(statusFile)) {
      try {
        rssKib = parseVmRssKib(Files.readAllLines(statusFile));
      } catch (IOException e) {
        rssKib = OptionalLong.empty();
      }
    }
    return rssKib.isPresent()
        ? new Reading(rssKib.getAsLong() * KIB, Kind.RESIDENT)
        : new Reading(jvmUsedBytes.getAsLong(), Kind.JVM);
  }

  /** The KiB of a line like {@code VmRSS:   319488 kB}; empty when there is none or it is not a number. */
  static OptionalLong parseVmRssKib(List<String> statusLines) {
    for (String line : statusLines) {
      if (line.startsWith(VM_RSS)) {
        String[] parts = line.substring(VM_RSS.length()).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
          return OptionalLong.empty();
        }
        try {
          long kib = Long.parseLong(parts[0]);
          return kib >= 0 ? OptionalLong.of(kib) : OptionalLong.empty();
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }

  /**
   * Memory for people, in binary units as most system monitors show them: {@code 312 MB} below a thousand,
   * then {@code 1.6 GB}.
   */
  public static String format(long bytes) {
    long mib = Math.round(bytes / (double) MIB);
    if (mib < 1000) {
      return mib + " MB";
    }
    return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (MIB * KIB));
  }

  private static long jvmUsed() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    return memory.getHeapMemoryUsage().getUsed() + memory.getNonHeapMemoryUsage().getUsed();
  }
}
