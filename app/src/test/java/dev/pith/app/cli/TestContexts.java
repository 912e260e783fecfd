package dev.pith.app.cli;

import dev.pith.inference.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Contexts that keep tests away from the real environment, home folder and models. */
final class TestContexts {
  private TestContexts() {}

  /**
   * No environment variables but {@code PITH_SYSFS_ROOT} at a folder that does not exist (so no power meter or NPU
   * of the machine running the tests is seen), {@code home} as the home folder, no stdin, and a loader that refuses
   * every model.
   */
  static CliContext isolated(Path home) {
    return new CliContext(Map.of("PITH_SYSFS_ROOT", home.resolve("no-sysfs").toString()), home, (dir, options) -> {
      throw new ModelLoadException("no backend in this test");
    }, Terminal.none());
  }

  static CliContext withEnvironment(Path home, Map<String, String> environment) {
    return new CliContext(environment, home, isolated(home).backends(), Terminal.none());
  }

  /**
   * Makes {@code dir} the least a folder needs to count as an installed model by id (an onnxruntime-genai
   * config and a graph file); only a fake backend can "load" it.
   */
  static Path modelFolder(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("genai_config.json"), "{\"model\":{\"context_length\":64}}");
    Files.writeString(dir.resolve("model.onnx"), "");
    return dir;
  }

  static CliContext withBackend(Path home, FakeBackend backend) {
    return isolated(home).withBackends((dir, options) -> backend.loadedFrom(dir, options));
  }
}
