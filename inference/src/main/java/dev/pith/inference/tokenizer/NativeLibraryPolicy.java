package dev.pith.inference.tokenizer;

import java.nio.file.Path;

/**
 * Settings for DJL, which loads the Hugging Face tokenizers library. Applied before any DJL class is
 * initialized:
 *
 * <ul>
 *   <li>offline mode and tracking opt-out: DJL otherwise probes the cloud instance metadata address
 *       and may report usage, and would download native code for platforms its jar lacks. Pith sends
 *       nothing anywhere unless the user asks, so both are forced off, whatever the environment says;
 *   <li>the folder DJL extracts its native library to: Pith's cache folder ({@code $XDG_CACHE_HOME/pith},
 *       else {@code ~/.cache/pith}) instead of {@code ~/.djl.ai}, unless the caller chose one.
 * </ul>
 */
final class NativeLibraryPolicy {
  private NativeLibraryPolicy() {}

  static void apply() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
      System.setProperty("DJL_CACHE_DIR", cacheRoot().resolve("native").toString());
    }
  }

  static Path cacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("pith");
  }
}
