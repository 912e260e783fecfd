package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.PithVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  @TempDir Path home;

  private CliRun doctor(Path dataDir) {
    return CliRun.of(TestContexts.isolated(home), "--data-dir", dataDir.toString(), "doctor");
  }

  @Test
  void printsVersionsAndExitsZero() {
    CliRun run = doctor(home.resolve("data"));
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains(PithVersion.get()), run::toString);
    assertTrue(run.out().contains(System.getProperty("java.version")), run::toString);
    assertTrue(run.out().contains("NPU            not checked yet"), run::toString);
    assertEquals("", run.err());
  }

  @Test
  void printsTheOnnxRuntimeVersionAndCpuProvider() {
    CliRun run = doctor(home.resolve("data"));
    assertTrue(Pattern.compile("(?m)^ONNX Runtime\\s+\\d+\\.\\d+\\.\\d+ \\(providers: .*CPUExecutionProvider")
        .matcher(run.out()).find(), run::toString);
  }

  @Test
  void saysWhenTheDataDirDoesNotExistYet() {
    CliRun run = doctor(home.resolve("missing"));
    assertTrue(run.out().contains(home.resolve("missing") + " (from --data-dir; does not exist yet)"), run::toString);
    assertTrue(run.out().contains("Models         none"), run::toString);
  }

  @Test
  void listsModelFoldersWithTheirLayout() throws Exception {
    Path models = Files.createDirectories(home.resolve("data/models"));
    Files.createDirectories(models.resolve("b-optimum/onnx"));
    Files.writeString(models.resolve("b-optimum/config.json"), "{}");
    Files.createDirectories(models.resolve("a-genai"));
    Files.writeString(models.resolve("a-genai/genai_config.json"), "{}");
    Files.createDirectories(models.resolve("c-empty"));

    CliRun run = doctor(home.resolve("data"));

    assertTrue(run.out().contains("exists, writable"), run::toString);
    List<String> lines = run.outLines();
    int first = lines.indexOf("Models         a-genai (genai layout)");
    assertTrue(first >= 0, run::toString);
    assertEquals(List.of("               b-optimum (optimum layout)", "               c-empty (no model files recognised)"),
        lines.subList(first + 1, first + 3));
  }
}
