package dev.pith.inference.models;

import dev.pith.inference.ModelLoadException;
import dev.pith.inference.onnx.ModelFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Imports a model folder from elsewhere on the machine: validates it where it is (configs, ONNX graph, tokenizer)
 * without changing it, copies it into a staging folder while hashing each file, and publishes the copy with a
 * manifest, like a pull.
 */
final class ModelImport {
  /** Pith's own files, which it remakes where a model is loaded: not part of the model. */
  private static final List<String> DERIVED_SUFFIXES = List.of(".pith.onnx", ".pith.json");

  private final Path modelsDir;
  private final ModelValidator validator;
  private final Clock clock;

  ModelImport(Path modelsDir, ModelValidator validator, Clock clock) {
    this.modelsDir = modelsDir;
    this.validator = validator;
    this.clock = clock;
  }

  Path run(Path source, String id) throws ModelException {
    Path from = source.toAbsolutePath().normalize();
    Path target = modelsDir.resolve(id);
    if (Files.exists(target)) {
      throw new ModelException("a model '" + id + "' is already installed in " + target
          + "; choose another id with --id, or remove it first");
    }
    if (target.startsWith(from) || from.startsWith(modelsDir.toAbsolutePath().normalize().resolve(Staging.DIR))) {
      throw new ModelException("cannot import " + from + ": it holds the models folder or is part of it");
    }
    try {
      ModelFolder.read(from);
      validator.validate(from);
    } catch (ModelLoadException e) {
      throw new ModelException("cannot import " + from + ": " + e.getMessage(), e);
    }
    try (Staging staging = Staging.open(modelsDir, id, id + ".import")) {
      List<ManifestFile> files;
      try {
        staging.clear();
        files = copy(from, staging.dir());
      } catch (IOException | UncheckedIOException e) {
        throw new ModelException("cannot copy " + from + " into " + staging.dir() + ": " + e.getMessage(), e);
      }
      try {
        staging.publish(new Manifest(id, Manifest.IMPORT, clock.instant(), files, null, from.toString()), target);
      } catch (IOException e) {
        throw new ModelException("cannot install " + id + " in " + target + ": " + e.getMessage(), e);
      }
      return target;
    }
  }

  /** Copies every regular file but hidden ones and Pith's derived ones, hashing as it goes. */
  private static List<ManifestFile> copy(Path from, Path into) throws IOException {
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(from)) {
      sources = walk.filter(Files::isRegularFile).filter(p -> keep(from.relativize(p))).sorted()
          .collect(Collectors.toList());
    }
    List<ManifestFile> files = new ArrayList<>();
    for (Path file : sources) {
      String path = from.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      Path target = ModelPaths.resolve(into, path);
      Files.createDirectories(target.getParent());
      MessageDigest digest = Sha256.digest();
      long size;
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
          OutputStream out = Files.newOutputStream(target)) {
        size = in.transferTo(out);
      }
      files.add(new ManifestFile(path, size, Sha256.hex(digest), ManifestFile.NONE));
    }
    return files;
  }

  private static boolean keep(Path relative) {
    String path = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    return ModelPaths.problem(path) == null && DERIVED_SUFFIXES.stream().noneMatch(path::endsWith);
  }
}
