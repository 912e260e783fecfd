package dev.pith.inference.genai;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.pith.inference.SamplingSettings;
import dev.pith.inference.onnx.OnnxDecoder;
import java.util.Set;

/**
 * Runs one answer: {@link #appendPrompt} feeds the prompt (in chunks, logits only matter for the last),
 * {@link #generateNextToken} picks a token and, on the next call, feeds it so the KV cache grows by one
 * token per step and the prompt is never re-run. Borrows the decoder; does not close it, and starts from
 * whatever its cache holds (see {@link #appendPrompt}).
 */
public final class Generator {
  private final OnnxDecoder decoder;
  private final Search search;
  private final OrtSession.RunOptions runOptions;
  private float[] logits;
  private boolean pending;
  private final int[] one = new int[1];

  /**
   * @param decoder the model; its KV cache is left as it is
   * @param maxLength the most tokens in the sequence, prompt included
   * @param runOptions passed to every model run; {@code setTerminate(true)} on it aborts a long run
   */
  public Generator(OnnxDecoder decoder, int maxLength, SamplingSettings sampling, Set<Integer> eosIds,
      OrtSession.RunOptions runOptions) {
    int contextLength = decoder.contextLength();
    if (maxLength < 1 || maxLength > contextLength) {
      throw new IllegalArgumentException("max length must be 1.." + contextLength + ", got " + maxLength);
    }
    this.decoder = decoder;
    this.runOptions = runOptions;
    this.search = new Search(decoder.signature().vocabSize(), maxLength, sampling, eosIds);
  }

  /**
   * Starts an answer to {@code prompt}, the whole token sequence, of which the decoder's cache already
   * holds the first {@code cached} tokens (see {@link OnnxDecoder#reuse}): only the rest is fed, while the
   * whole prompt counts for the repetition penalty and the length limit. Afterwards the next token can be
   * generated. Called once per generator.
   */
  public void appendPrompt(int[] prompt, int cached) throws OrtException {
    if (search.length() > 0) {
      throw new IllegalStateException("this generator already has its prompt");
    }
    if (cached < 0 || cached >= prompt.length || cached != decoder.length()) {
      throw new IllegalArgumentException("the cache holds " + decoder.length() + " tokens; " + cached
          + " of a " + prompt.length + "-token prompt cannot be taken as cached");
    }
    int vocab = decoder.signature().vocabSize();
    for (int t : prompt) {
      if (t < 0 || t >= vocab) {
        throw new IllegalArgumentException("token id " + t + " is outside the model's vocabulary of " + vocab);
      }
    }
    int chunk = decoder.maxChunk();
    for (int at = cached; at < prompt.length; at += chunk) {
      logits = decoder.run(prompt, at, Math.min(chunk, prompt.length - at), runOptions);
    }
    search.append(prompt);
  }

  /**
   * Feeds the previous token if it has not been fed yet, then picks the next one.
   *
   * @throws IllegalStateException when called after {@link #isDone()} or before any prompt
   */
  public int generateNextToken() throws OrtException {
    if (pending) {
      feedPending();
    }
    if (logits == null) {
      throw new IllegalStateException("append prompt tokens before generating");
    }
    int token = search.next(logits);
    logits = null;
    pending = true;
    return token;
  }

  public boolean isDone() {
    return search.isDone();
  }

  /** True when the sequence ended on an end-of-sequence token. */
  public boolean endedOnEos() {
    return search.done() == Search.Done.EOS;
  }

  /** The mean log-probability of the tokens generated so far (see {@link Search}); NaN before the first. */
  public double meanLogprob() {
    return search.meanLogprob();
  }

  /** The lowest log-probability of a token generated so far; NaN before the first. */
  public double minLogprob() {
    return search.minLogprob();
  }

  /** Tokens in the sequence, prompt included. */
  public int tokenCount() {
    return search.length();
  }

  private void feedPending() throws OrtException {
    one[0] = search.last();
    logits = decoder.run(one, 0, 1, runOptions);
    pending = false;
  }
}
