package dev.pith.app.cli;

import dev.pith.inference.models.InstalledModel;
import dev.pith.inference.models.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The model folders under {@code <data-dir>/models}, with a guess at their layout from the files present. */
final class ModelFolders {
  private ModelFolders() {}

  /**
   * One entry per sub-folder but hidden ones (downloads in progress), sorted by name, e.g.
   * {@code qwen2.5-1.5b (genai layout)}; empty when the folder does not exist. Folders that are not installed
   * models are listed too ({@code doctor} shows what is there), marked by their layout hint.
   */
  static List<Folder> folders(Path modelsDir) {
    if (!Files.isDirectory(modelsDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(modelsDir)) {
      return entries.filter(Files::isDirectory).filter(dir -> !dir.getFileName().toString().startsWith("."))
          .sorted().map(dir -> new Folder(dir.getFileName().toString(), layout(dir))).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelsDir, e);
    }
  }

  /** A model folder's name and what its files look like. */
  record Folder(String name, Layout layout) {
    /** {@code qwen2.5-1.5b (genai layout)}. */
    @Override
    public String toString() {
      return name + " (" + layout.text() + ")";
    }
  }

  /** A layout hint from the files present; {@link #UNKNOWN} when none is recognised. */
  enum Layout {
    GENAI("genai layout"),
    OPTIMUM("optimum layout"),
    UNKNOWN("no model files recognised");

    private final String text;

    Layout(String text) {
      this.text = text;
    }

    /** For people, as {@code doctor} prints it. */
    String text() {
      return text;
    }

    /** For JSON: {@code genai}, {@code optimum}, {@code unknown}. */
    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The installed models' folders, sorted by id; empty when the folder does not exist. */
  static List<Path> list(Path modelsDir) {
    return ModelStore.local(modelsDir).installed().stream().map(InstalledModel::dir).collect(Collectors.toList());
  }

  /** A hint only: loading the model is what decides whether Pith can use it. */
  private static Layout layout(Path dir) {
    if (Files.isRegularFile(dir.resolve("genai_config.json"))) {
      return Layout.GENAI;
    }
    if (Files.isRegularFile(dir.resolve("config.json")) && Files.isDirectory(dir.resolve("onnx"))) {
      return Layout.OPTIMUM;
    }
    return Layout.UNKNOWN;
  }
}
