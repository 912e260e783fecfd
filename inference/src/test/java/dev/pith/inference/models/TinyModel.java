package dev.pith.inference.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The tiny random-weight genai model of the test resources, as files a test server serves and a catalog lists. */
final class TinyModel {
  /** The committed sources (the target/test-classes copy gains Pith's optimized graph when other tests load it). */
  static final Path DIR = Path.of("src", "test", "resources", "models", "tiny-genai").toAbsolutePath();
  static final List<String> FILES = List.of("genai_config.json", "model.onnx", "model.onnx.data", "tokenizer.json",
      "tokenizer_config.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TinyModel() {}

  /** Each file's bytes, by path. */
  static Map<String, byte[]> contents() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : FILES) {
      try {
        files.put(name, Files.readAllBytes(DIR.resolve(name)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  static long totalSize() {
    return contents().values().stream().mapToLong(b -> b.length).sum();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Puts every file on {@code server} under {@code prefix} (e.g. {@code /tiny/}). */
  static void serve(FileServer server, String prefix) {
    contents().forEach((name, bytes) -> server.put(prefix + name, bytes));
  }

  /**
   * A catalog with one cpu model {@code id}; {@code source} fills the entry's {@code source} object and
   * {@code file} may change each file's object (its path, size and sha256 are set before).
   */
  static Catalog catalog(String id, boolean pinSizes, boolean pinHashes, Consumer<ObjectNode> source,
      Consumer<ObjectNode> file) {
    ObjectNode root = JSON.createObjectNode().put("schema", 1);
    ObjectNode entry = root.putArray("models").addObject();
    entry.put("id", id).put("name", "Tiny").put("family", "qwen2").put("backend", "cpu").put("license", "MIT")
        .put("context_length", 512);
    source.accept(entry.putObject("source"));
    ArrayNode files = entry.putArray("files");
    contents().forEach((name, bytes) -> {
      ObjectNode f = files.addObject().put("path", name);
      if (pinSizes) {
        f.put("size", bytes.length);
      } else {
        f.putNull("size");
      }
      if (pinHashes) {
        f.put("sha256", sha256(bytes));
      } else {
        f.putNull("sha256");
      }
      file.accept(f);
    });
    try {
      return Catalog.parse(new ByteArrayInputStream(JSON.writeValueAsBytes(root)), "test catalog");
    } catch (ModelException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The model served from {@code base + prefix}, sizes and hashes pinned. */
  static CatalogEntry entry(String id, FileServer server, String prefix) {
    return catalog(id, true, true, s -> s.put("base_url", server.base() + prefix), f -> { }).models().get(0);
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
