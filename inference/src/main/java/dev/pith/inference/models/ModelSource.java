package dev.pith.inference.models;

import java.net.URI;

/**
 * Where a catalog model's files come from.
 *
 * @param repo a Hugging Face repository ({@code owner/name}), or null when every file has a URL
 * @param revision the commit the files are pinned to, or null for {@code main} (not pinned)
 * @param subfolder the folder of the repository the files are in (as huggingface_hub's {@code subfolder}), or
 *     null for its root; the files still go to the root of the model folder
 * @param baseUrl an http(s) folder URL the file paths are appended to instead of the repository's, or null
 */
public record ModelSource(String repo, String revision, String subfolder, URI baseUrl) {

  /** The revision put in download URLs: the pinned commit, else {@code main}. */
  public String revisionOrMain() {
    return revision != null ? revision : "main";
  }
}
