package dev.pith.inference.models;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;

/**
 * One model of the catalog: what it is, where it runs and which files make it.
 *
 * @param id the folder name under the models folder and what {@code pith --model} takes
 * @param name the display name
 * @param family e.g. {@code qwen2.5}
 * @param backend {@code cpu} (files Pith downloads) or {@code hailo} (a model the NPU's server pulls itself)
 * @param license SPDX-like license name
 * @param licenseUrl where the license text is
 * @param contextLength the most tokens the model handles
 * @param chatTemplate the chat template family (the model's own template is used when it ships one)
 * @param description one or two sentences for the Models page
 * @param sampling recommended sampling settings
 * @param source repository, revision or base URL of the files; null for {@code hailo} models
 * @param files the files to download; empty for {@code hailo} models
 * @param hailoNames the model's names on hailo-ollama (they differ between its versions; the NPU backend uses
 *     the one the server lists); empty for {@code cpu}
 * @param notes what is not pinned or otherwise worth knowing
 * @param json the entry exactly as the catalog wrote it, kept in the installed model's manifest
 */
public record CatalogEntry(String id, String name, String family, String backend, String license, String licenseUrl,
    int contextLength, String chatTemplate, String description, ModelSampling sampling, ModelSource source,
    List<CatalogFile> files, List<String> hailoNames, String notes, String json) {

  public static final String CPU = "cpu";
  public static final String HAILO = "hailo";

  public CatalogEntry {
    Objects.requireNonNull(id, "id");
    files = List.copyOf(files);
    hailoNames = List.copyOf(hailoNames);
  }

  /** True for models whose files Pith downloads (the {@code cpu} backend). */
  public boolean downloadable() {
    return CPU.equals(backend) && !files.isEmpty();
  }

  /**
   * The sum of the pinned file sizes, or -1 when any size is not pinned or Pith downloads nothing (an NPU model,
   * which hailo-ollama fetches: its size is not ours to state).
   */
  public long totalSize() {
    if (!downloadable()) {
      return -1;
    }
    long total = 0;
    for (CatalogFile file : files) {
      if (!file.sizeKnown()) {
        return -1;
      }
      total += file.size();
    }
    return total;
  }

  /**
   * The URL {@code file} is downloaded from: its own {@code url}; else the source's {@code base_url} plus its
   * path; else {@code {endpoint}/{repo}/resolve/{revision}/[{subfolder}/]{path}}, the Hugging Face (or mirror)
   * layout.
   */
  public URI urlOf(CatalogFile file, URI endpoint) {
    if (file.url() != null) {
      return file.url();
    }
    if (source.baseUrl() != null) {
      return join(source.baseUrl().toString(), file.path());
    }
    String folder = source.subfolder() == null ? "" : source.subfolder() + "/";
    return join(endpoint.toString(),
        source.repo() + "/resolve/" + source.revisionOrMain() + "/" + folder + file.path());
  }

  private static URI join(String base, String path) {
    String prefix = base.endsWith("/") ? base : base + "/";
    try {
      // Percent-encodes what a path may not hold (spaces, non-ASCII) and leaves the slashes.
      return URI.create(prefix + new URI(null, null, path, null).getRawPath());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL path: " + path, e);
    }
  }
}
