package dev.pith.app.cli;

/** The {@code --backend} values: the CPU, or the Hailo NPU through hailo-ollama. */
enum BackendChoice {
  cpu,
  hailo
}
