package dev.pith.inference.hailo;

import dev.pith.inference.hailo.HailoReport.Readiness;
import dev.pith.inference.hailo.HailoReport.Status;
import dev.pith.inference.hailo.HailoReport.Step;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds out whether the NPU can answer, cheapest check first and without root: a Hailo PCI device in sysfs, the
 * driver's device node, then hailo-ollama ({@code GET /api/version}, {@link HailoClient#PROBE_TIMEOUT}) and the
 * wanted models on it ({@code GET /api/tags}, same timeout). It starts and pulls nothing, so it is quick enough
 * for {@code pith doctor} and for Settings; {@link HailoBackend#connect} does the starting and pulling.
 */
public final class HailoDetection {
  private static final Duration PROBE = HailoClient.PROBE_TIMEOUT;

  private HailoDetection() {}

  /**
   * Runs the checks.
   *
   * @param wanted the models to look for on the server (the first one listed is the report's model); empty to
   *     only check that the server answers
   */
  public static HailoReport detect(HailoOptions options, List<HailoModel> wanted) {
    List<Step> steps = new ArrayList<>();
    Step device = device(options.sysfsRoot());
    steps.add(device);
    if (device.status() != Status.OK) {
      return unavailable(steps, "no Hailo NPU in this machine");
    }
    Step driver = driver(options.sysfsRoot());
    steps.add(driver);
    if (driver.status() != Status.OK) {
      return unavailable(steps, "the NPU's driver is not loaded");
    }
    // The backend's connect timeout, so that both share a connection pool (see HailoClient); the probe bounds it.
    HailoClient client = new HailoClient(options.url(),
        new HailoTimeouts(HailoTimeouts.DEFAULTS.connect(), PROBE, PROBE, PROBE));
    String version;
    try {
      version = client.version();
    } catch (HailoException e) {
      return notAnswering(steps, options, e);
    }
    steps.add(new Step("server", Status.OK, "hailo-ollama " + version + " at " + client.url()));
    return models(steps, client, version, wanted);
  }

  /** The PCI check: a Hailo device under {@code root}'s sysfs. */
  static Step device(Path root) {
    List<HailoDevices.Device> devices = HailoDevices.find(root);
    if (devices.isEmpty()) {
      return new Step("device", Status.MISSING, "no Hailo device on the PCI bus ("
          + root.resolve(HailoDevices.PCI_DEVICES) + ")");
    }
    return new Step("device", Status.OK, devices.stream().map(d -> d.name() + " at " + d.address())
        .collect(Collectors.joining(", ")));
  }

  /** The driver check: its device node under {@code root}'s {@code dev}. */
  static Step driver(Path root) {
    List<Path> nodes = HailoDevices.nodes(root);
    if (nodes.isEmpty()) {
      Path dev = root.resolve(HailoDevices.DEV);
      return new Step("driver", Status.MISSING, "no " + dev.resolve("hailo*") + " or " + dev.resolve("h1x-*")
          + " device node: Hailo's driver (hailort-pcie-driver) is not loaded");
    }
    return new Step("driver", Status.OK, nodes.stream().map(Path::toString).collect(Collectors.joining(", ")));
  }

  /**
   * Whether Pith may start hailo-ollama itself.
   *
   * @param executable hailo-ollama on the PATH, when the URL points at this machine
   * @param whyNot why not, when {@code executable} is empty
   */
  record Starter(Optional<Path> executable, String whyNot) {}

  static Starter starter(HailoOptions options) {
    if (!isLocal(options.url().getHost())) {
      return new Starter(Optional.empty(),
          options.url().getHost() + " is not this machine, so Pith does not start hailo-ollama");
    }
    Optional<Path> executable = HailoServerProcess.find(options.environment());
    return new Starter(executable, executable.isPresent() ? ""
        : "hailo-ollama is not on the PATH, so Pith cannot start it");
  }

  private static HailoReport notAnswering(List<Step> steps, HailoOptions options, HailoException e) {
    Starter starter = starter(options);
    if (starter.executable().isPresent()) {
      steps.add(new Step("server", Status.FAILED, e.getMessage() + "; Pith starts " + starter.executable().get()
          + " when the NPU is used"));
      return new HailoReport(steps, Readiness.NEEDS_START, Optional.empty(),
          "hailo-ollama is not running; Pith starts it when the NPU is used");
    }
    steps.add(new Step("server", Status.FAILED, e.getMessage() + "; " + starter.whyNot()));
    return unavailable(steps, "hailo-ollama does not answer");
  }

  private static HailoReport models(List<Step> steps, HailoClient client, String version, List<HailoModel> wanted) {
    List<String> listed;
    try {
      listed = client.models();
    } catch (HailoException e) {
      steps.add(new Step("model", Status.FAILED, e.getMessage()));
      return unavailable(steps, "hailo-ollama answers but cannot list its models");
    }
    if (wanted.isEmpty()) {
      steps.add(new Step("model", Status.OK, listed.isEmpty() ? "the server has no models yet"
          : "the server has " + String.join(", ", listed)));
      return new HailoReport(steps, Readiness.READY, Optional.empty(), "ready: hailo-ollama " + version);
    }
    Optional<String> usable = Optional.empty();
    for (HailoModel model : wanted) {
      Optional<String> name = model.listedIn(listed);
      if (name.isPresent()) {
        steps.add(new Step("model", Status.OK, model.label() + ": " + name.get() + " is on the server"));
        usable = usable.or(() -> name);
      } else {
        steps.add(new Step("model", Status.MISSING, model.label() + ": not on the server; Pith pulls "
            + model.toPull(version) + " when it is first used"));
      }
    }
    if (usable.isPresent()) {
      return new HailoReport(steps, Readiness.READY, usable, "ready: " + usable.get() + " on hailo-ollama "
          + version);
    }
    return new HailoReport(steps, Readiness.NEEDS_PULL, Optional.empty(),
        "hailo-ollama " + version + " answers; the model is pulled when it is first used");
  }

  private static HailoReport unavailable(List<Step> steps, String why) {
    return new HailoReport(steps, Readiness.UNAVAILABLE, Optional.empty(), "not available: " + why);
  }

  /**
   * True for {@code localhost} and loopback addresses (the only place Pith starts a server). Other host names are
   * not looked up: a DNS query has no place in a check that must stay fast.
   */
  static boolean isLocal(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.replaceAll("^\\[|]$", "");
    if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }
}
