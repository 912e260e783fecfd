package dev.pith.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The model folders under {@code <data-dir>/models}, with a guess at their layout from the files present. */
final class ModelFolders {
  private ModelFolders() {}

  /**
   * One entry per sub-folder, sorted by name, e.g. {@code qwen2.5-1.5b (genai layout)}; empty when the folder
   * does not exist.
   */
  static List<String> describe(Path modelsDir) {
    return list(modelsDir).stream()
        .map(dir -> dir.getFileName() + " (" + layout(dir) + ")")
        .collect(Collectors.toList());
  }

  /** The sub-folders of {@code modelsDir}, sorted by name; empty when the folder does not exist. */
  static List<Path> list(Path modelsDir) {
    if (!Files.isDirectory(modelsDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(modelsDir)) {
      return entries.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelsDir, e);
    }
  }

  /** A hint only: loading the model is what decides whether Pith can use it. */
  private static String layout(Path dir) {
    if (Files.isRegularFile(dir.resolve("genai_config.json"))) {
      return "genai layout";
    }
    if (Files.isRegularFile(dir.resolve("config.json")) && Files.isDirectory(dir.resolve("onnx"))) {
      return "optimum layout";
    }
    return "no model files recognised";
  }
}
