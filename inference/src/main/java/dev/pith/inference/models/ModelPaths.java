package dev.pith.inference.models;

import java.nio.file.Path;

/**
 * The rules for file paths inside a model folder, shared by the catalog (where files go) and the manifest
 * (what an installed model holds): relative, {@code /}-separated, and never able to leave the folder or hide
 * in it.
 */
final class ModelPaths {
  private ModelPaths() {}

  /** Why {@code path} may not be a model file's path, or null when it may. */
  static String problem(String path) {
    if (path.isEmpty()) {
      return "is empty";
    }
    if (path.startsWith("/") || path.contains("\\") || path.contains(":")) {
      return "must be a relative path with '/' separators";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "must not have empty, '.' or '..' parts";
      }
      if (segment.startsWith(".")) {
        return "must not name a hidden file or folder";
      }
    }
    if (path.endsWith(Staging.PART_SUFFIX) || path.equals(Manifest.FILE_NAME)) {
      return "is a name Pith keeps for itself";
    }
    return null;
  }

  /** {@code path} inside {@code dir}; the path has passed {@link #problem}. */
  static Path resolve(Path dir, String path) {
    return dir.resolve(path.replace('/', dir.getFileSystem().getSeparator().charAt(0)));
  }
}
