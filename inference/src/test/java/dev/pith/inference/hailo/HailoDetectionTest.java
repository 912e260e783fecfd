package dev.pith.inference.hailo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.hailo.HailoReport.Readiness;
import dev.pith.inference.hailo.HailoReport.Status;
import dev.pith.inference.hailo.HailoReport.Step;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection on folder trees shaped like sysfs and /dev, with the fake server or nothing behind the URL. */
class HailoDetectionTest {
  private static final HailoModel QWEN = new HailoModel("qwen2.5-1.5b-instruct-hailo",
      List.of(FakeHailoOllama.QWEN), "qwen2.5");
  private static final HailoModel DEEPSEEK = new HailoModel("deepseek-r1-distill-qwen-1.5b-hailo",
      List.of(FakeHailoOllama.DEEPSEEK_5_1, FakeHailoOllama.DEEPSEEK_5_3), "deepseek-r1-distill-qwen");

  @TempDir Path root;

  /** A Raspberry Pi's PCI bus with a Hailo-10H, and its driver's device node when {@code driver}. */
  static Path deviceTree(Path root, boolean driver) throws IOException {
    Path pci = root.resolve(HailoDevices.PCI_DEVICES);
    Path bridge = Files.createDirectories(pci.resolve("0001:00:00.0"));
    Files.writeString(bridge.resolve("vendor"), "0x14e4\n");
    Files.writeString(bridge.resolve("device"), "0x2712\n");
    Path hailo = Files.createDirectories(pci.resolve("0001:01:00.0"));
    Files.writeString(hailo.resolve("vendor"), "0x1e60\n");
    Files.writeString(hailo.resolve("device"), "0x45c4\n");
    Files.createDirectories(root.resolve("dev"));
    Files.writeString(root.resolve("dev/null"), "");
    if (driver) {
      Files.writeString(root.resolve("dev/hailo0"), "");
    }
    return root;
  }

  private HailoReport detect(URI url, Map<String, String> env, HailoModel... wanted) {
    HailoOptions options = new HailoOptions(url, root, env, HailoTimeouts.DEFAULTS, Duration.ofSeconds(1),
        Optional.empty(), Optional.empty());
    return HailoDetection.detect(options, List.of(wanted));
  }

  private static URI nothingThere() throws IOException {
    return URI.create("http://127.0.0.1:" + HailoConnectTest.freePort());
  }

  @Test
  void noDeviceStopsAtTheFirstStep() throws Exception {
    HailoReport report = detect(nothingThere(), Map.of(), QWEN);
    assertEquals(List.of(new Step("device", Status.MISSING, "no Hailo device on the PCI bus ("
        + root.resolve("sys/bus/pci/devices") + ")")), report.steps());
    assertEquals(Readiness.UNAVAILABLE, report.readiness());
    assertEquals("not available: no Hailo NPU in this machine", report.outcome());
  }

  @Test
  void aDeviceWithoutItsDriverNodeIsNotUsable() throws Exception {
    deviceTree(root, false);
    HailoReport report = detect(nothingThere(), Map.of(), QWEN);
    assertEquals(2, report.steps().size(), report::toString);
    assertEquals(new Step("device", Status.OK, "Hailo-10H at 0001:01:00.0"), report.steps().get(0));
    assertEquals(Status.MISSING, report.steps().get(1).status());
    assertTrue(report.steps().get(1).detail().startsWith("no " + root.resolve("dev/hailo*") + " or "
        + root.resolve("dev/h1x-*") + " device node"), report::toString);
    assertEquals("not available: the NPU's driver is not loaded", report.outcome());
  }

  @Test
  void newerDriversNodesCountToo() throws Exception {
    deviceTree(root, false);
    Files.writeString(root.resolve("dev/h1x-0"), "");
    HailoReport report = detect(nothingThere(), Map.of());
    assertEquals(new Step("driver", Status.OK, root.resolve("dev/h1x-0").toString()), report.steps().get(1));
  }

  @Test
  void deviceAndServerWithTheModelIsReady() throws Exception {
    deviceTree(root, true);
    try (FakeHailoOllama fake = FakeHailoOllama.start()) {
      fake.models(FakeHailoOllama.QWEN, FakeHailoOllama.DEEPSEEK_5_1);
      HailoReport report = detect(fake.url(), Map.of(), QWEN, DEEPSEEK);
      assertEquals(List.of(
          new Step("device", Status.OK, "Hailo-10H at 0001:01:00.0"),
          new Step("driver", Status.OK, root.resolve("dev/hailo0").toString()),
          new Step("server", Status.OK, "hailo-ollama 5.1.1 at " + fake.url()),
          new Step("model", Status.OK, "qwen2.5-1.5b-instruct-hailo: qwen2.5-instruct:1.5b is on the server"),
          new Step("model", Status.OK, "deepseek-r1-distill-qwen-1.5b-hailo: deepseek_r1_distill_qwen:1.5b is on"
              + " the server")), report.steps());
      assertEquals(Readiness.READY, report.readiness());
      assertEquals(Optional.of(FakeHailoOllama.QWEN), report.model());
      assertEquals("ready: qwen2.5-instruct:1.5b on hailo-ollama 5.1.1", report.outcome());
    }
  }

  @Test
  void aServerWithoutTheModelNeedsAPullUnderItsVersionsName() throws Exception {
    deviceTree(root, true);
    try (FakeHailoOllama fake = FakeHailoOllama.start()) {
      fake.version("5.3.0").models();
      HailoReport report = detect(fake.url(), Map.of(), DEEPSEEK);
      assertEquals(new Step("model", Status.MISSING, "deepseek-r1-distill-qwen-1.5b-hailo: not on the server; Pith"
          + " pulls deepseek_r1:1.5b when it is first used"), report.steps().get(3));
      assertEquals(Readiness.NEEDS_PULL, report.readiness());
      assertTrue(report.readiness().usable());
      assertEquals(Optional.empty(), report.model());
      assertTrue(fake.requests("/api/pull").isEmpty(), "detection pulls nothing");
    }
  }

  @Test
  void aDeviceWithoutServerSaysWhetherPithCanStartIt() throws Exception {
    deviceTree(root, true);
    URI url = nothingThere();
    HailoReport none = detect(url, Map.of("PATH", root.resolve("bin").toString()), QWEN);
    assertEquals(new Step("server", Status.FAILED, "hailo-ollama at " + url + " is not reachable (connection"
        + " refused); hailo-ollama is not on the PATH, so Pith cannot start it"), none.steps().get(2));
    assertEquals(Readiness.UNAVAILABLE, none.readiness());

    Path bin = HailoConnectTest.standIn(root.resolve("tools"), "exit 1");
    HailoReport startable = detect(url, Map.of("PATH", bin.toString()), QWEN);
    assertEquals(new Step("server", Status.FAILED, "hailo-ollama at " + url + " is not reachable (connection"
        + " refused); Pith starts " + bin.resolve("hailo-ollama") + " when the NPU is used"),
        startable.steps().get(2));
    assertEquals(Readiness.NEEDS_START, startable.readiness());
    assertTrue(!Files.exists(bin.resolve("started")), "detection starts nothing");
  }

  @Test
  void aSilentServerIsGivenUpOnAfterTheOneSecondProbe() throws Exception {
    deviceTree(root, true);
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      long start = System.nanoTime();
      HailoReport report = detect(url, Map.of());
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(seconds >= 0.9 && seconds < 2, "probe took " + seconds + " s");
      assertEquals("hailo-ollama at " + url + " sent nothing for 1 s after the request; hailo-ollama is not on the"
          + " PATH, so Pith cannot start it", report.steps().get(2).detail());
    }
  }

  @Test
  void aConnectionKeptAliveAfterDetectionDoesNotHoldTheServerFromTheBackend() throws Exception {
    deviceTree(root, true);
    try (FakeHailoOllama fake = FakeHailoOllama.start()) {
      fake.keepAlive();
      assertEquals(Readiness.READY, detect(fake.url(), Map.of(), QWEN).readiness());
      // A client of its own would open a second connection and wait behind the first until the probe gives up.
      HailoOptions options = new HailoOptions(fake.url(), root, Map.of(), HailoTimeouts.DEFAULTS,
          Duration.ofSeconds(1), Optional.empty(), Optional.empty());
      try (HailoBackend backend = HailoBackend.connect(options, QWEN, HailoPullListener.NONE,
          new CancellationToken())) {
        assertEquals(FakeHailoOllama.QWEN, backend.model().name());
      }
    }
  }

  @Test
  void onlyThisMachineCountsAsLocal() {
    assertTrue(HailoDetection.isLocal("127.0.0.1"));
    assertTrue(HailoDetection.isLocal("localhost"));
    assertTrue(HailoDetection.isLocal("[::1]"));
    assertTrue(!HailoDetection.isLocal("192.168.1.20"));
    assertTrue(!HailoDetection.isLocal("pi.local"));
  }
}
