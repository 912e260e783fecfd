package dev.pith.inference.models;

import java.net.URI;
import java.util.Objects;

/**
 * One file of a catalog model.
 *
 * @param path where the file goes inside the model folder, with {@code /} separators (e.g.
 *     {@code onnx/model_q4.onnx}); also its path in the source repository
 * @param size its exact size in bytes, or -1 when the catalog does not pin it (the server's length is used)
 * @param sha256 its SHA-256 in lower-case hex, or null when the catalog does not pin it (then the Hugging Face
 *     LFS ETag is used when the server sends one)
 * @param url an absolute http(s) URL that overrides the repository URL, or null
 */
public record CatalogFile(String path, long size, String sha256, URI url) {

  public CatalogFile {
    Objects.requireNonNull(path, "path");
  }

  /** True when the catalog pins the size. */
  public boolean sizeKnown() {
    return size >= 0;
  }
}
