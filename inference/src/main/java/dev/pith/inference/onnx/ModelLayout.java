package dev.pith.inference.onnx;

/** The two ways decoder-only LLMs are commonly exported to ONNX. */
public enum ModelLayout {
  /** onnxruntime-genai model builder: {@code genai_config.json}, GroupQueryAttention, no position_ids. */
  GENAI("genai"),
  /** Optimum / transformers.js: {@code config.json}, {@code onnx/model*.onnx}, position_ids input. */
  OPTIMUM("optimum");

  private final String id;

  ModelLayout(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
