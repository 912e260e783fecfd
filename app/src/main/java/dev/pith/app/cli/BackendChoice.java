package dev.pith.app.cli;

/** The {@code --backend} values. Only {@code cpu} runs in this build. */
enum BackendChoice {
  cpu,
  hailo;

  /**
   * Fails with one line unless this backend can run here.
   *
   * @throws CliException for {@code hailo}, whose NPU support is not part of this build yet
   */
  void requireAvailable() {
    if (this == hailo) {
      throw new CliException("the hailo backend is not available in this build yet; use --backend cpu");
    }
  }
}
