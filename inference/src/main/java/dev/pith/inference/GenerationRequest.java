package dev.pith.inference;

import java.util.Objects;

/** One call to {@link ChatBackend#generate}: what to answer and how. */
public record GenerationRequest(Prompt prompt, GenerationSettings settings) {
  public GenerationRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(settings, "settings");
  }
}
