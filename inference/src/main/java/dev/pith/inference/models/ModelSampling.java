package dev.pith.inference.models;

/**
 * The sampling a catalog recommends for a model (from its {@code generation_config.json} or model card). Each
 * value is null when the catalog does not say; the caller's own default applies then.
 *
 * @param temperature softmax temperature
 * @param topP nucleus sampling mass
 * @param topK how many of the likeliest tokens to sample from
 * @param repetitionPenalty penalty for tokens already in the text
 * @param maxTokens a sensible answer length
 */
public record ModelSampling(Double temperature, Double topP, Integer topK, Double repetitionPenalty,
    Integer maxTokens) {

  /** Nothing recommended. */
  public static final ModelSampling NONE = new ModelSampling(null, null, null, null, null);
}
