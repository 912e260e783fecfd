package dev.pith.app.ui.stats;

import dev.pith.inference.power.PowerMeters;

/** How the Stats page names a stored backend id, and what it says beside an NPU figure. */
final class Backends {
  static final String CPU = "cpu";
  static final String NPU = "hailo";
  static final String CLOUD = "cloud";
  /** Beside every energy figure of the NPU (its draw is not measured: the figure is the rest of the machine's). */
  static final String NPU_NOTE = "NPU answers: " + PowerMeters.NPU_NOT_INCLUDED + ", so their energy is the rest of"
      + " the machine's only (" + PowerMeters.NPU_ESTIMATE + ").";

  private Backends() {}

  /** {@code CPU}, {@code NPU}, {@code Cloud}; an unknown id as stored; null as {@code unknown}. */
  static String name(String backend) {
    if (backend == null) {
      return "unknown";
    }
    switch (backend) {
      case CPU:
        return "CPU";
      case NPU:
        return "NPU";
      case CLOUD:
        return "Cloud";
      default:
        return backend;
    }
  }

  /** Whether the backend runs on this machine, so that the machine's energy is the answer's. */
  static boolean local(String backend) {
    return CPU.equals(backend) || NPU.equals(backend);
  }
}
