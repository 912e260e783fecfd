package dev.pith.inference.hailo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.Prompt;
import dev.pith.inference.RecordingSink;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Connecting: the model under its per-version names, pulling it, and starting hailo-ollama from the PATH. */
class HailoConnectTest {
  private static final HailoModel DEEPSEEK = new HailoModel("deepseek-r1-distill-qwen-1.5b-hailo",
      List.of(FakeHailoOllama.DEEPSEEK_5_1, FakeHailoOllama.DEEPSEEK_5_3), "deepseek-r1-distill-qwen");

  @TempDir Path dir;

  private HailoOptions options(URI url) {
    return HailoBackendTest.options(dir.resolve("no-device"), url);
  }

  @Test
  void findsTheModelUnderWhicheverOfItsNamesTheServerLists() throws Exception {
    try (FakeHailoOllama fake = FakeHailoOllama.start()) {
      fake.version("5.3.0").models(FakeHailoOllama.QWEN, FakeHailoOllama.DEEPSEEK_5_3);
      try (HailoBackend backend = HailoBackend.connect(options(fake.url()), DEEPSEEK, HailoPullListener.NONE,
          new CancellationToken())) {
        assertEquals(FakeHailoOllama.DEEPSEEK_5_3, backend.model().name());
      }
      assertTrue(fake.requests("/api/pull").isEmpty());
    }
  }

  @Test
  void pullsAMissingModelUnderTheNameOfTheServersVersionWithProgress() throws Exception {
    for (String version : List.of("5.1.1", "5.2.0", "5.3.0", "5.4.1")) {
      try (FakeHailoOllama fake = FakeHailoOllama.start()) {
        fake.version(version);
        List<HailoPullProgress> progress = new ArrayList<>();
        try (HailoBackend backend = HailoBackend.connect(options(fake.url()), DEEPSEEK, progress::add,
            new CancellationToken())) {
          String expected = version.compareTo("5.3") < 0 ? FakeHailoOllama.DEEPSEEK_5_1 : FakeHailoOllama.DEEPSEEK_5_3;
          assertEquals(expected, backend.model().name(), version);
          assertEquals(expected, fake.requests("/api/pull").get(0).json().get("model").asText());
          assertEquals("pulling manifest", progress.get(0).status());
          assertEquals("success", progress.get(progress.size() - 1).status());
          HailoPullProgress half = progress.stream().filter(p -> p.completed() == 1000).findFirst().orElseThrow();
          assertEquals(3000, half.total());
          assertEquals(1 / 3.0, half.fraction(), 1e-9);
          assertTrue(progress.get(1).digest().startsWith("sha256:"));
          // and the pulled model answers
          RecordingSink sink = new RecordingSink();
          backend.generate(new GenerationRequest(Prompt.chat(List.of(ChatMessage.user("Hi?"))),
              GenerationSettings.greedy(8)), sink, new CancellationToken());
          assertEquals("Hello, wörld!", sink.text());
        }
      }
    }
  }

  @Test
  void aPullTheServerCannotDoIsOneLine() throws Exception {
    try (FakeHailoOllama fake = FakeHailoOllama.start()) {
      ModelLoadException e = assertThrows(ModelLoadException.class, () -> HailoBackend.connect(options(fake.url()),
          HailoModel.named("llama9:70b"), HailoPullListener.NONE, new CancellationToken()));
      assertEquals("hailo-ollama at " + fake.url() + " reported an error: pull model manifest: file does not exist",
          e.getMessage());
    }
  }

  @Test
  void aCancelledPullFailsTheConnectAndClosesItsStream() throws Exception {
    try (FakeHailoOllama fake = FakeHailoOllama.start()) {
      fake.pieceDelay(Duration.ofMillis(100));
      CancellationToken cancel = new CancellationToken();
      ModelLoadException e = assertThrows(ModelLoadException.class, () -> HailoBackend.connect(options(fake.url()),
          DEEPSEEK, p -> cancel.cancel(), cancel));
      assertEquals("the pull of " + FakeHailoOllama.DEEPSEEK_5_1 + " on hailo-ollama at " + fake.url()
          + " was cancelled", e.getMessage());
      assertTrue(fake.awaitDisconnect(Duration.ofSeconds(1)));
    }
  }

  @Test
  void nothingAnsweringWithoutADeviceIsOneLineAndStartsNothing() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + freePort());
    Path bin = standIn(dir, "exit 1");
    HailoOptions noDevice = new HailoOptions(url, dir.resolve("no-device"), Map.of("PATH", bin.toString()),
        HailoBackendTest.SHORT, Duration.ofSeconds(1), Optional.empty(), Optional.empty());
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> HailoBackend.connect(noDevice,
        HailoModel.named(FakeHailoOllama.QWEN), HailoPullListener.NONE, new CancellationToken()));
    assertEquals("hailo-ollama at " + url + " is not reachable (connection refused); Pith does not start"
        + " hailo-ollama: no Hailo device on the PCI bus (" + dir.resolve("no-device/sys/bus/pci/devices") + ")",
        e.getMessage());
    assertFalse(Files.exists(bin.resolve("started")), "the stand-in was never run");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void startsHailoOllamaFromThePathUsesItAndStopsItOnClose() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + freePort());
    Path bin = standIn(dir, javaCommand(url));
    Path log = dir.resolve("data/hailo-ollama.log");
    HailoOptions options = onDevice(url, bin).withServerLog(log);

    long pid;
    try (HailoBackend backend = HailoBackend.connect(options, HailoModel.named(FakeHailoOllama.QWEN),
        HailoPullListener.NONE, new CancellationToken())) {
      pid = Long.parseLong(Files.readString(bin.resolve("started")).strip());
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "running while in use");
      RecordingSink sink = new RecordingSink();
      backend.generate(new GenerationRequest(Prompt.chat(List.of(ChatMessage.user("Hi?"))),
          GenerationSettings.greedy(8)), sink, new CancellationToken());
      assertEquals("Hello, wörld!", sink.text());
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped on close");
    HailoException gone = assertThrows(HailoException.class, () -> new HailoClient(url,
        HailoBackendTest.SHORT).version());
    assertTrue(gone.getMessage().endsWith("is not reachable (connection refused)"), gone.getMessage());
    assertTrue(Files.exists(log), "its output went to the log");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aStartedServerThatNeverAnswersIsStoppedWithAClearMessage() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + freePort());
    Path bin = standIn(dir, "exec sleep 60");
    HailoOptions options = onDevice(url, bin).withStartTimeout(Duration.ofMillis(700));

    long start = System.nanoTime();
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> HailoBackend.connect(options,
        HailoModel.named(FakeHailoOllama.QWEN), HailoPullListener.NONE, new CancellationToken()));
    assertTrue((System.nanoTime() - start) / 1e9 < 5, "bounded by the start timeout");
    assertEquals(bin.resolve("hailo-ollama") + " was started but did not answer at " + url + " within 700 ms"
        + " (hailo-ollama at " + url + " is not reachable (connection refused))", e.getMessage());
    long pid = Long.parseLong(Files.readString(bin.resolve("started")).strip());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped again");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aStartedServerThatExitsIsOneLine() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + freePort());
    Path bin = standIn(dir, "exit 3");
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> HailoBackend.connect(onDevice(url, bin),
        HailoModel.named(FakeHailoOllama.QWEN), HailoPullListener.NONE, new CancellationToken()));
    assertEquals(bin.resolve("hailo-ollama") + " exited with code 3 before answering at " + url, e.getMessage());
  }

  /** Options with a Hailo-10H and its driver node in the sysfs tree, and {@code bin} as the PATH. */
  private HailoOptions onDevice(URI url, Path bin) throws IOException {
    Path root = HailoDetectionTest.deviceTree(dir.resolve("root"), true);
    return new HailoOptions(url, root, Map.of("PATH", "/nonexistent:" + bin), HailoBackendTest.SHORT,
        Duration.ofSeconds(20), Optional.empty(), Optional.empty());
  }

  /**
   * Writes {@code <parent>/bin/hailo-ollama}, a shell script that records its pid in {@code bin/started} and then
   * runs {@code body}; returns the bin folder. The real server takes no port: a stand-in that listens on the test's
   * port is told it by its script.
   */
  static Path standIn(Path parent, String body) throws IOException {
    Path bin = Files.createDirectories(parent.resolve("bin"));
    Path script = bin.resolve("hailo-ollama");
    Files.writeString(script, "#!/bin/sh\necho $$ > '" + bin.resolve("started") + "'\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  /** Execs this JVM's java on the fake's main, listening on the URL's port. */
  static String javaCommand(URI url) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
        + FakeHailoOllama.class.getName() + " " + url.getPort();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
