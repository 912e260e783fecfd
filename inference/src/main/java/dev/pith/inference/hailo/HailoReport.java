package dev.pith.inference.hailo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link HailoDetection} found, step by step, cheapest first: the PCI device, the driver's device node, the
 * server, the model on it. Checking stops at the first step that rules the NPU out.
 *
 * @param steps the steps checked, in order
 * @param readiness what connecting would do
 * @param model the server's name of the first wanted model it lists (empty unless {@link Readiness#READY})
 * @param outcome one line saying what that means, e.g. "ready: qwen2.5-instruct:1.5b on hailo-ollama 5.1.1"
 */
public record HailoReport(List<Step> steps, Readiness readiness, Optional<String> model, String outcome) {

  public HailoReport {
    steps = List.copyOf(steps);
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** How a step went. */
  public enum Status {
    OK,
    /** Not there (no device, no driver node, model not on the server). */
    MISSING,
    /** There but not working (the server does not answer, or answers nonsense). */
    FAILED
  }

  /**
   * One check.
   *
   * @param name {@code device}, {@code driver}, {@code server} or {@code model}
   * @param detail one line: what was found, or what is missing and where it was looked for
   */
  public record Step(String name, Status status, String detail) {
    public Step {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** What {@link HailoBackend#connect} would do with this NPU. */
  public enum Readiness {
    /** The server answers and has the model. */
    READY,
    /** The server answers; the model is pulled on first use. */
    NEEDS_PULL,
    /** Nothing answers, but hailo-ollama is on the PATH: Pith starts it on first use. */
    NEEDS_START,
    /** The NPU cannot be used: see the outcome. */
    UNAVAILABLE;

    /** True unless {@link #UNAVAILABLE}: connecting can work. */
    public boolean usable() {
      return this != UNAVAILABLE;
    }
  }
}
