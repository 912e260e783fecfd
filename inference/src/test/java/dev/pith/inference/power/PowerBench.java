package dev.pith.inference.power;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What watching the power costs: samples a Pi 5 PMIC meter every {@code --period-ms} (100, i.e. 10 Hz; the window
 * uses {@link PowerSampler#DEFAULT_PERIOD}) for {@code --seconds} (10) and prints the CPU
 * time of the {@value PowerSampler#THREAD_NAME} thread (ThreadMXBean) and of the vcgencmd processes it ran (the
 * JVM's reaped children, {@code /proc/self/stat} cutime + cstime), as a share of one core. Without a real vcgencmd
 * ({@code --vcgencmd PATH}) it runs a shell script that prints the idle recording from the test resources, so the
 * figures measure Pith's side (process start, parse) rather than the PMIC's ~20 ms bus read. Run it with
 * {@code inference/bench-power}; figures go in inference/BENCHMARKS.md.
 */
public final class PowerBench {
  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

  private PowerBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = 10;
    String vcgencmd = null;
    Duration period = PowerSampler.MIN_PERIOD;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--vcgencmd" -> vcgencmd = args[++i];
        case "--period-ms" -> period = Duration.ofMillis(Long.parseLong(args[++i]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (use --seconds N, --period-ms N, --vcgencmd PATH)");
      }
    }
    String command = vcgencmd != null ? vcgencmd : fixtureScript().toString();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long childrenBefore = childrenCpuTicks();
    long start = System.nanoTime();
    double watts;
    long cpuNanos;
    try (PowerMeter meter = new PiPmicMeter(command, PiPmicMeter.DEFAULT_TIMEOUT);
        PowerSampler sampler = new PowerSampler(meter, period)) {
      Thread.sleep(Duration.ofSeconds(seconds).toMillis());
      cpuNanos = threads.getThreadCpuTime(samplerThread().getId());
      long end = System.nanoTime();
      watts = sampler.energyJoules(end - Duration.ofSeconds(seconds - 1).toNanos(), end).orElse(Double.NaN)
          / (seconds - 1); // the last seconds: the first read also starts the JIT and the first process
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double childrenCpu = (childrenCpuTicks() - childrenBefore) / (double) CLOCK_TICKS_PER_SECOND;
    System.out.printf(Locale.ROOT, "%s, every %d ms for %.1f s: pith-power thread %.3f s CPU (%.2f %% of a core), "
        + "vcgencmd processes %.2f s CPU (%.1f %% of a core); mean power from the integrated energy %.5f W%n",
        vcgencmd != null ? vcgencmd : "fixture script (idle recording)", period.toMillis(), wall, cpuNanos / 1e9,
        100 * cpuNanos / 1e9 / wall, childrenCpu, 100 * childrenCpu / wall, watts);
  }

  /** A vcgencmd stand-in in a temp folder: {@code cat} of the idle recording. */
  private static Path fixtureScript() throws IOException {
    Path dir = Files.createTempDirectory("pith-power-bench");
    Path recording = dir.resolve("pmic_read_adc-idle.txt");
    try (InputStream in = Objects.requireNonNull(PowerBench.class.getResourceAsStream(
        "/power/pmic_read_adc-idle.txt"))) {
      Files.copy(in, recording);
    }
    Path script = dir.resolve("vcgencmd");
    Files.writeString(script, "#!/bin/sh\nexec cat '" + recording + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    recording.toFile().deleteOnExit();
    script.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return script;
  }

  private static Thread samplerThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> PowerSampler.THREAD_NAME.equals(t.getName())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + PowerSampler.THREAD_NAME + " thread"));
  }

  /** cutime + cstime of this process: CPU used by the children it has waited for, in clock ticks. */
  private static long childrenCpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // fields 16 and 17 of proc(5)
  }
}
