package dev.pith.inference.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.OneLine;
import dev.pith.inference.onnx.optimize.ModelOptimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decoder-only model in an ONNX Runtime session, with its KV cache and the ids of the tokens in it.
 * {@link #run} feeds new tokens (the cache supplies everything before them) and returns the logits of the
 * last one; {@link #reuse} keeps the part of the cache a new prompt shares, so a conversation's history is
 * read once, not on every turn. Not thread-safe: one generation at a time.
 */
public final class OnnxDecoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxDecoder.class);
  /** Tokens in the warm-up's multi-token run. */
  private static final int WARM_UP_TOKENS = 8;

  private final ModelFolder folder;
  private final OrtSession session;
  private final OrtSession.SessionOptions options;
  private final DecoderSignature signature;
  private final KvCache kv;
  private final LogitsBuffer logits;
  private final IndexInput ids;
  private final IndexInput positions;
  private final IndexInput mask;
  private final Map<String, OnnxTensorLike> feeds = new HashMap<>();
  private final Map<String, OnnxValue> pinned = new HashMap<>();
  private final int maxChunk;
  private final int contextLength;
  private int[] cached = new int[256];
  private boolean closed;

  private OnnxDecoder(ModelFolder folder, OrtSession session, OrtSession.SessionOptions options,
      DecoderSignature signature, int maxChunk, int contextLength, boolean sharedKv) throws OrtException {
    OrtEnvironment env = OrtRuntime.environment();
    this.folder = folder;
    this.session = session;
    this.options = options;
    this.signature = signature;
    this.maxChunk = maxChunk;
    this.contextLength = contextLength;
    this.kv = KvCache.create(env, signature, sharedKv, contextLength);
    this.logits = new LogitsBuffer(env, signature.logitsType(), signature.vocabSize(), maxChunk,
        signature.lastTokenLogits());
    this.ids = new IndexInput(env, signature.idsType(), maxChunk);
    this.positions = new IndexInput(env, signature.positionsType(), maxChunk);
    this.mask = new IndexInput(env, signature.maskType(), contextLength);
    this.mask.fill(0, contextLength, 1L);
  }

  /**
   * Opens the model's ONNX file with the model's whole context.
   *
   * @see #open(ModelFolder, int, int, int)
   */
  public static OnnxDecoder open(ModelFolder folder, int threads, int maxChunk) throws ModelLoadException {
    return open(folder, folder.onnxFile(), threads, maxChunk, 0);
  }

  /**
   * Opens the model's ONNX file.
   *
   * @param graph the ONNX file to load: the folder's own, or an optimized copy of it next to it
   * @param threads intra-op threads
   * @param maxChunk the most tokens one {@link #run} may feed (bounds the logits buffer)
   * @param contextLimit the most tokens the cache may hold, below the model's own context length; 0 for
   *     the model's
   * @throws ModelLoadException with one line when the file is not a decoder Pith can run
   */
  public static OnnxDecoder open(ModelFolder folder, Path graph, int threads, int maxChunk, int contextLimit)
      throws ModelLoadException {
    OrtEnvironment env = OrtRuntime.environment();
    OrtSession.SessionOptions options = null;
    OrtSession session = null;
    try {
      options = sessionOptions(threads);
      session = env.createSession(graph.toString(), options);
      DecoderSignature signature = DecoderSignature.read(session, folder);
      if (signature.vocabSize() <= 0) {
        throw new ModelLoadException(folder.onnxFile() + ": the logits output has no fixed vocabulary size");
      }
      int context = contextLimit > 0 ? Math.min(contextLimit, folder.contextLength()) : folder.contextLength();
      boolean sharedKv = usesGroupQueryAttention(graph);
      LOG.info("loaded {} ({} layout): {} layers, {} KV heads, head size {}, vocab {}, context {} of {}, {} threads,"
          + " KV {}, logits {}", graph, folder.layout().id(), signature.layers(), signature.kvHeads(),
          signature.headSize(), signature.vocabSize(), context, folder.contextLength(), threads,
          sharedKv ? "shared past/present buffer" : "present fed back as past",
          signature.lastTokenLogits() ? "last position only" : "every position");
      return new OnnxDecoder(folder, session, options, signature, maxChunk, context, sharedKv);
    } catch (OrtException e) {
      closeQuietly(session, options);
      throw new ModelLoadException(folder.onnxFile() + " cannot be loaded by ONNX Runtime: "
          + OneLine.of(e.getMessage()), e);
    } catch (ModelLoadException | RuntimeException e) {
      closeQuietly(session, options);
      throw e;
    }
  }

  /**
   * GroupQueryAttention can append to a past buffer in place (when past and present are the same memory);
   * graphs that concatenate past and new keys with their own ops cannot.
   */
  private static boolean usesGroupQueryAttention(Path graph) throws ModelLoadException {
    try {
      return ModelOptimizer.operators(graph).contains("com.microsoft:GroupQueryAttention");
    } catch (IOException e) {
      throw new ModelLoadException(graph + " cannot be read: " + OneLine.of(e.getMessage()), e);
    }
  }

  private static OrtSession.SessionOptions sessionOptions(int threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    // One model, one stream of tokens: parallelism comes from inside the operators (MatMulNBits).
    options.setIntraOpNumThreads(threads);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
    return options;
  }

  public DecoderSignature signature() {
    return signature;
  }

  public ModelFolder folder() {
    return folder;
  }

  /** Tokens in the KV cache. */
  public int length() {
    return kv.length();
  }

  /** The most tokens the cache may hold: the model's context length, or the lower limit it was opened with. */
  public int contextLength() {
    return contextLength;
  }

  /** The ids of the tokens in the KV cache, in order. */
  public int[] cachedTokens() {
    return Arrays.copyOf(cached, kv.length());
  }

  /** The most tokens one run may feed. */
  public int maxChunk() {
    return maxChunk;
  }

  /**
   * Runs the graph on a short prompt (a multi-token run and a single-token run, the two kinds a generation
   * makes), then empties the cache. The first runs of a session pay one-time costs (the memory arena grows,
   * kernels pick their code paths, thread pools spin up); a few tokens are enough to pay them, and cost
   * little next to the session's load.
   *
   * @return the milliseconds it took
   */
  public double warmUp() throws OrtException {
    checkOpen();
    long start = System.nanoTime();
    int[] tokens = new int[Math.min(Math.min(WARM_UP_TOKENS, maxChunk), contextLength - 1) + 1];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = i % signature.vocabSize();
    }
    try (OrtSession.RunOptions runOptions = new OrtSession.RunOptions()) {
      reset();
      run(tokens, 0, tokens.length - 1, runOptions);
      run(tokens, tokens.length - 1, 1, runOptions);
    } finally {
      reset();
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** Empties the KV cache. */
  public void reset() {
    checkOpen();
    kv.reset();
  }

  /**
   * Prepares the cache for {@code prompt}: keeps the longest prefix the cache shares with it (at most all
   * but its last token, whose logits the next run must produce) and drops the rest, as after an edited
   * question or a regenerated answer.
   *
   * @return how many of the prompt's tokens are already in the cache; the caller feeds the rest
   * @throws OrtException when the kept part cannot be copied (chained caches copy on a rewind)
   */
  public int reuse(int[] prompt) throws OrtException {
    checkOpen();
    int limit = Math.min(kv.length(), prompt.length - 1);
    int common = 0;
    while (common < limit && cached[common] == prompt[common]) {
      common++;
    }
    return kv.rewind(common);
  }

  /**
   * Feeds {@code count} tokens starting at {@code tokens[from]} after the cached ones.
   *
   * @return the logits of the last fed token; the array is reused by the next run
   * @throws OrtException when ONNX Runtime fails or the run was terminated through {@code runOptions}
   */
  public float[] run(int[] tokens, int from, int count, OrtSession.RunOptions runOptions) throws OrtException {
    checkOpen();
    if (count < 1 || count > maxChunk) {
      throw new IllegalArgumentException("a run feeds 1.." + maxChunk + " tokens, got " + count);
    }
    int past = kv.length();
    int total = past + count;
    if (total > contextLength) {
      throw new IllegalArgumentException(total + " tokens exceed the context of " + contextLength);
    }
    kv.reserve(total);
    for (int i = 0; i < count; i++) {
      ids.set(i, tokens[from + i]);
      positions.set(i, past + i);
    }
    List<OnnxTensor> created = new ArrayList<>(3);
    try {
      feeds.clear();
      feeds.put(signature.inputIds(), track(created, ids.tensor(count)));
      if (signature.attentionMask() != null) {
        // Always the whole mask, past plus new: GroupQueryAttention derives positions from it.
        feeds.put(signature.attentionMask(), track(created, mask.tensor(total)));
      }
      if (signature.positionIds() != null) {
        feeds.put(signature.positionIds(), track(created, positions.tensor(count)));
      }
      pinned.put(signature.logits(), logits.output(count));
      kv.bind(feeds, pinned);
      OrtSession.Result result = session.run(feeds, kv.requestedOutputs(), pinned, runOptions);
      kv.update(result, total);
      remember(tokens, from, count, past);
      return logits.lastRow(count);
    } finally {
      feeds.clear();
      pinned.clear();
      created.forEach(OnnxTensor::close);
    }
  }

  private void remember(int[] tokens, int from, int count, int at) {
    if (at + count > cached.length) {
      cached = Arrays.copyOf(cached, Math.max(cached.length * 2, at + count));
    }
    System.arraycopy(tokens, from, cached, at, count);
  }

  private static OnnxTensor track(List<OnnxTensor> created, OnnxTensor tensor) {
    created.add(tensor);
    return tensor;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the model has been closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    kv.close();
    logits.close();
    closeQuietly(session, options);
  }

  private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
    try {
      if (session != null) {
        session.close();
      }
    } catch (OrtException e) {
      LOG.warn("closing the ONNX session failed", e);
    }
    if (options != null) {
      options.close();
    }
  }
}
