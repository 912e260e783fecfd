package dev.pith.inference.onnx.optimize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the committed model folders, so tests never write next to the originals. */
final class ModelFiles {
  private ModelFiles() {}

  /** Copies {@code from} (recursively) to {@code to}; returns {@code to}. */
  static Path copyFolder(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
    return to;
  }
}
