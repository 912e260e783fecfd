package dev.pith.inference;

/**
 * What a loaded model is, as read from its own files.
 *
 * @param name a display name (the folder name when the model has none)
 * @param layout how it is stored, e.g. {@code genai} or {@code optimum}
 * @param contextLength the most tokens (prompt plus answer) the model handles
 * @param vocabSize the size of the logits vector
 * @param opensThinking the chat template opens a {@code <think>} part at the end of the prompt (a reasoning
 *     model such as DeepSeek-R1-Distill): answers start inside the reasoning and only close it
 */
public record ModelInfo(String name, String layout, int contextLength, int vocabSize, boolean opensThinking) {}
