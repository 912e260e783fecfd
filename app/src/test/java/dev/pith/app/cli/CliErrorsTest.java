package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.PithVersion;
import dev.pith.inference.ModelLoadException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliErrorsTest {
  @TempDir Path home;

  private CliRun run(String... args) {
    return CliRun.of(TestContexts.isolated(home), args);
  }

  private static void assertOneLineWithoutStackTrace(CliRun run) {
    assertEquals(1, run.errLines().size(), run::toString);
    assertFalse(run.err().contains("\tat "), run::toString);
    assertFalse(run.err().contains("Exception"), run::toString);
  }

  @Test
  void versionPrintsPithAndItsVersion() {
    CliRun run = run("--version");
    assertEquals(0, run.exitCode());
    assertEquals("pith " + PithVersion.get(), run.out().strip());
    assertFalse(PithVersion.get().equals("unknown"), "the build fills in the version");
  }

  @Test
  void unknownModelIsOneLineNamingBothPlacesAndExitCode1() {
    CliRun run = run("--data-dir", home.resolve("data").toString(), "generate", "--model", "no-such-model",
        "--prompt", "hi");
    assertEquals(1, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
    String line = run.errLines().get(0);
    assertTrue(line.contains("no-such-model"), line);
    assertTrue(line.contains(Path.of("no-such-model").toAbsolutePath().toString()), line);
    assertTrue(line.contains(home.resolve("data/models/no-such-model").toString()), line);
    assertEquals("", run.out());
  }

  @Test
  void missingRequiredOptionIsUsageErrorWithExitCode2() {
    CliRun run = run("generate", "--prompt", "hi");
    assertEquals(2, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
    assertTrue(run.err().contains("--model"), run::toString);
  }

  @Test
  void unknownOptionIsUsageError() {
    CliRun run = run("generate", "--model", "m", "--prompt", "hi", "--frobnicate");
    assertEquals(2, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
  }

  @Test
  void nonNumericPromptIdsAreUsageError() {
    CliRun run = run("generate", "--model", "m", "--prompt-ids", "1,two,3");
    assertEquals(2, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
  }

  @Test
  void promptAndPromptIdsTogetherAreUsageError() {
    CliRun run = run("generate", "--model", "m", "--prompt", "hi", "--prompt-ids", "1,2");
    assertEquals(2, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
  }

  @Test
  void greedyWithSamplingOptionIsUsageError() {
    CliRun run = run("generate", "--model", "m", "--prompt", "hi", "--greedy", "--temperature", "0.7");
    assertEquals(2, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
    assertTrue(run.err().contains("--greedy"), run::toString);
  }

  @Test
  void outOfRangeSamplingValueIsUsageError() {
    CliRun run = run("generate", "--model", "m", "--prompt", "hi", "--top-p", "1.5");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("top-p"), run::toString);
  }

  @Test
  void noSubcommandOpensTheWindowWithTheDataFolderAndLeavesTheModelToIt() throws Exception {
    TestContexts.modelFolder(home.resolve("data/models/qwen"));
    java.util.List<String> opened = new java.util.ArrayList<>();
    CliContext context = TestContexts.isolated(home).withWindow((dataDir, dir, kiosk) -> {
      opened.add(dataDir + " " + dir.map(Object::toString).orElse("none"));
      return 0;
    });
    CliRun run = CliRun.of(context, "--data-dir", home.resolve("data").toString());
    assertEquals(0, run.exitCode(), run::toString);
    // The window chooses (ModelLocator.preferred): the default set in Settings, else the only model.
    assertEquals(java.util.List.of(home.resolve("data") + " none"), opened);
  }

  @Test
  void aModelForTheWindowThatIsNotThereIsOneLine() {
    CliRun run = run("--data-dir", home.toString(), "--model", "nowhere");
    assertEquals(1, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
    assertTrue(run.err().contains("model 'nowhere' not found"), run::toString);
  }

  @Test
  void withoutAWindowTheNoSubcommandRunSaysSo() {
    CliRun run = run("--data-dir", home.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
    assertTrue(run.err().contains("no window"), run::toString);
  }

  @Test
  void hailoBackendWithNothingAnsweringIsOneLine() throws Exception {
    String url;
    try (ServerSocket gone = new ServerSocket(0)) {
      url = "http://127.0.0.1:" + gone.getLocalPort();
    }
    CliContext context = TestContexts.withEnvironment(home, Map.of("PITH_HAILO_URL", url,
        "PITH_SYSFS_ROOT", home.resolve("sysfs").toString()));
    CliRun run = CliRun.of(context, "--data-dir", home.resolve("data").toString(), "generate", "--backend", "hailo",
        "--model", "qwen2.5-1.5b-instruct-hailo", "--prompt", "hi");
    assertEquals(1, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
    assertEquals("pith: hailo-ollama at " + url + " is not reachable (connection refused); Pith does not start"
        + " hailo-ollama: no Hailo device on the PCI bus (" + home.resolve("sysfs/sys/bus/pci/devices") + ")",
        run.errLines().get(0));
  }

  @Test
  void aHailoUrlThatIsNotHttpIsAUsageError() {
    CliRun run = run("generate", "--backend", "hailo", "--hailo-url", "ftp://pi:8000", "--model", "m", "--prompt",
        "hi");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--hailo-url must be an http URL like http://127.0.0.1:8000, got 'ftp://pi:8000'"),
        run::toString);
  }

  @Test
  void modelLoadFailureIsFoldedIntoOneLine() throws Exception {
    Path model = Files.createDirectory(home.resolve("broken-model"));
    CliContext context = TestContexts.isolated(home).withBackends((dir, options) -> {
      throw new ModelLoadException("model.onnx is corrupt:\nprotobuf parsing failed");
    });
    CliRun run = CliRun.of(context, "generate", "--model", model.toString(), "--prompt", "hi");
    assertEquals(1, run.exitCode(), run::toString);
    assertOneLineWithoutStackTrace(run);
    assertEquals("pith: model.onnx is corrupt: protobuf parsing failed", run.errLines().get(0));
  }

  @Test
  void unexpectedFailureIsOneLineThatPointsAtDebug() throws Exception {
    Path model = Files.createDirectory(home.resolve("model"));
    CliContext context = TestContexts.isolated(home).withBackends((dir, options) -> {
      throw new IllegalStateException("boom");
    });
    CliRun run = CliRun.of(context, "generate", "--model", model.toString(), "--prompt", "hi");
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("boom") && run.err().contains("--debug"), run::toString);
  }

  @Test
  void debugAddsTheStackTrace() {
    CliRun run = run("--debug", "generate", "--model", "no-such-model", "--prompt", "hi");
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.errLines().size() > 1, run::toString);
    assertTrue(run.err().contains("\tat dev.pith.app.cli.ModelLocator"), run::toString);
  }
}
