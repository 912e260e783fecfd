package dev.pith.inference.power;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * Intel and AMD RAPL through Linux powercap: each CPU package zone ({@code /sys/class/powercap/intel-rapl:N}, the
 * name AMD's driver uses too) has a cumulative {@code energy_uj} counter that wraps at {@code max_energy_range_uj};
 * the power is the energy used between two reads over the time between them, summed over the packages. Subzones
 * ({@code intel-rapl:0:0}, core, uncore, dram) and the {@code intel-rapl-mmio} twins measure parts of the same
 * energy and are left out so nothing is counted twice.
 *
 * <p>Current kernels let only root read the counters (they leak timing information); Pith says so rather than
 * loosening the permissions.
 */
public final class RaplMeter implements PowerMeter {
  public static final String SOURCE = "RAPL";
  public static final String SCOPE = "CPU packages (cores, caches and memory controller; not the rest of the machine)";
  static final String POWERCAP = "sys/class/powercap";

  private final List<EnergyCounter> packages;
  private volatile Optional<String> reason = Optional.empty();

  private RaplMeter(List<EnergyCounter> packages) {
    this.packages = packages;
  }

  /**
   * The package zones under {@code root}, primed by a first read so that the first {@link #watts()} already has a
   * figure.
   *
   * @return the meter, or why there is none: no zone, or a counter that cannot be read (root only)
   */
  static Probe open(Path root, LongSupplier nanoClock) {
    List<Path> zones = SysFs.list(root.resolve(POWERCAP), "intel-rapl:[0-9]*");
    zones.removeIf(zone -> zone.getFileName().toString().chars().filter(c -> c == ':').count() != 1); // subzones
    if (zones.isEmpty()) {
      return Probe.missing("no RAPL package zone in /" + POWERCAP);
    }
    List<EnergyCounter> counters = new ArrayList<>();
    for (Path zone : zones) {
      Path energy = zone.resolve("energy_uj");
      try {
        EnergyCounter counter = new EnergyCounter(energy, SysFs.readLong(zone.resolve("max_energy_range_uj")),
            nanoClock);
        counter.read();
        counters.add(counter);
      } catch (IOException e) {
        return Probe.missing(unreadable(root, energy, e));
      }
    }
    return Probe.of(new RaplMeter(counters));
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public String scope() {
    return SCOPE;
  }

  /** Not thread-safe: one sampler reads it (the counters remember the previous read). */
  @Override
  public OptionalDouble watts() {
    double sum = 0;
    for (EnergyCounter counter : packages) {
      try {
        OptionalDouble watts = counter.read();
        if (watts.isEmpty()) {
          return watts;
        }
        sum += watts.getAsDouble();
      } catch (IOException e) {
        reason = Optional.of("cannot read " + counter.file() + ": " + e.getMessage());
        return OptionalDouble.empty();
      }
    }
    reason = Optional.empty();
    return OptionalDouble.of(sum);
  }

  @Override
  public Optional<String> unavailableReason() {
    return reason;
  }

  private static String unreadable(Path root, Path file, IOException e) {
    String shown = "/" + root.relativize(file);
    if (e instanceof AccessDeniedException) {
      return "RAPL energy counters are readable only by root (" + shown + ")";
    }
    return "cannot read " + shown + ": " + e.getMessage();
  }
}
