package dev.pith.inference.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code pith-model.json}: what Pith installed in a model folder. It is the last file written before the folder
 * is published, so a folder with a manifest is a complete model; {@code verify} re-hashes the files it lists.
 *
 * @param id the model id at install time
 * @param origin {@code catalog} (pulled) or {@code import}
 * @param installedAt when it was installed
 * @param files every file installed, with size and SHA-256
 * @param catalogEntry the catalog entry it was pulled from, as JSON, or null for an import
 * @param importedFrom the folder it was imported from, or null for a pull
 */
public record Manifest(String id, String origin, Instant installedAt, List<ManifestFile> files, String catalogEntry,
    String importedFrom) {

  public static final String FILE_NAME = "pith-model.json";
  public static final String FORMAT = "pith-model";
  public static final int VERSION = 1;
  public static final String CATALOG = "catalog";
  public static final String IMPORT = "import";

  private static final ObjectMapper JSON = new ObjectMapper();

  public Manifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(installedAt, "installedAt");
    files = List.copyOf(files);
  }

  /** The sum of the file sizes. */
  public long totalSize() {
    return files.stream().mapToLong(ManifestFile::size).sum();
  }

  /**
   * Reads {@code dir/pith-model.json}.
   *
   * @throws ModelException naming the file and what is wrong with it
   */
  static Manifest read(Path dir) throws ModelException {
    Path file = dir.resolve(FILE_NAME);
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelException(file + " is not valid JSON: " + OneLine.of(e.getMessage()), e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new ModelException(file + " is not a Pith model manifest");
    }
    if (root.path("version").asInt(0) > VERSION) {
      throw new ModelException(file + " has version " + root.path("version").asInt()
          + ", newer than this Pith understands (" + VERSION + ")");
    }
    try {
      List<ManifestFile> files = new ArrayList<>();
      for (JsonNode f : root.path("files")) {
        String path = f.path("path").asText("");
        String bad = ModelPaths.problem(path);
        if (bad != null || !f.path("size").canConvertToLong() || !f.path("sha256").isTextual()) {
          throw new ModelException(file + " lists a file it cannot describe: " + f);
        }
        files.add(new ManifestFile(path, f.path("size").asLong(), f.path("sha256").asText(),
            f.path("checked_against").asText(ManifestFile.NONE)));
      }
      if (files.isEmpty()) {
        throw new ModelException(file + " lists no files");
      }
      JsonNode catalog = root.path("catalog");
      return new Manifest(root.path("id").asText(dir.getFileName().toString()), root.path("origin").asText(CATALOG),
          Instant.parse(root.path("installed_at").asText()), files, catalog.isObject() ? catalog.toString() : null,
          root.path("imported_from").isTextual() ? root.path("imported_from").asText() : null);
    } catch (DateTimeParseException e) {
      throw new ModelException(file + " has no valid installed_at time", e);
    }
  }

  /** Writes the manifest into {@code dir} through a temporary file, so a reader never sees half of it. */
  void write(Path dir) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("id", id);
    root.put("origin", origin);
    root.put("installed_at", installedAt.toString());
    ArrayNode list = root.putArray("files");
    for (ManifestFile f : files) {
      list.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256())
          .put("checked_against", f.checkedAgainst());
    }
    if (catalogEntry != null) {
      root.set("catalog", JSON.readTree(catalogEntry));
    }
    if (importedFrom != null) {
      root.put("imported_from", importedFrom);
    }
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
