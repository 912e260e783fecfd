package dev.pith.inference.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.OneLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decoder-only model in an ONNX Runtime session, with its KV cache. {@link #run} feeds new tokens
 * (the cache supplies everything before them) and returns the logits of the last one. Not thread-safe:
 * one generation at a time.
 */
public final class OnnxDecoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxDecoder.class);

  private final ModelFolder folder;
  private final OrtSession session;
  private final OrtSession.SessionOptions options;
  private final DecoderSignature signature;
  private final KvCache kv;
  private final LogitsBuffer logits;
  private final IndexInput ids;
  private final IndexInput positions;
  private final IndexInput mask;
  private final Set<String> presentNames;
  private final Map<String, OnnxTensorLike> feeds = new HashMap<>();
  private final int maxChunk;
  private boolean closed;

  private OnnxDecoder(ModelFolder folder, OrtSession session, OrtSession.SessionOptions options,
      DecoderSignature signature, int maxChunk) throws OrtException {
    OrtEnvironment env = OrtRuntime.environment();
    this.folder = folder;
    this.session = session;
    this.options = options;
    this.signature = signature;
    this.maxChunk = maxChunk;
    this.kv = new KvCache(env, signature);
    this.logits = new LogitsBuffer(env, signature.logitsType(), signature.vocabSize(), maxChunk);
    this.ids = new IndexInput(env, signature.idsType(), maxChunk);
    this.positions = new IndexInput(env, signature.positionsType(), maxChunk);
    this.mask = new IndexInput(env, signature.maskType(), folder.contextLength());
    this.mask.fill(0, folder.contextLength(), 1L);
    Set<String> presents = new LinkedHashSet<>(signature.presentKeys());
    presents.addAll(signature.presentValues());
    this.presentNames = Set.copyOf(presents);
  }

  /**
   * Opens the model's ONNX file.
   *
   * @param threads intra-op threads
   * @param maxChunk the most tokens one {@link #run} may feed (bounds the logits buffer)
   * @throws ModelLoadException with one line when the file is not a decoder Pith can run
   */
  public static OnnxDecoder open(ModelFolder folder, int threads, int maxChunk) throws ModelLoadException {
    OrtEnvironment env = OrtRuntime.environment();
    OrtSession.SessionOptions options = null;
    OrtSession session = null;
    try {
      options = sessionOptions(threads);
      session = env.createSession(folder.onnxFile().toString(), options);
      DecoderSignature signature = DecoderSignature.read(session, folder);
      if (signature.vocabSize() <= 0) {
        throw new ModelLoadException(folder.onnxFile() + ": the logits output has no fixed vocabulary size");
      }
      LOG.info("loaded {} ({} layout): {} layers, {} KV heads, head size {}, vocab {}, context {}, {} threads",
          folder.onnxFile(), folder.layout().id(), signature.layers(), signature.kvHeads(), signature.headSize(),
          signature.vocabSize(), folder.contextLength(), threads);
      return new OnnxDecoder(folder, session, options, signature, maxChunk);
    } catch (OrtException e) {
      closeQuietly(session, options);
      throw new ModelLoadException(folder.onnxFile() + " cannot be loaded by ONNX Runtime: "
          + OneLine.of(e.getMessage()), e);
    } catch (ModelLoadException | RuntimeException e) {
      closeQuietly(session, options);
      throw e;
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

  /** The most tokens one run may feed. */
  public int maxChunk() {
    return maxChunk;
  }

  /** Empties the KV cache. */
  public void reset() {
    checkOpen();
    kv.reset();
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
    if (total > folder.contextLength()) {
      throw new IllegalArgumentException(total + " tokens exceed the model's context of " + folder.contextLength());
    }
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
      kv.addInputs(feeds);
      OrtSession.Result result = session.run(
          feeds, presentNames, Map.of(signature.logits(), logits.output(count)), runOptions);
      kv.update(result, total);
      return logits.lastRow(count);
    } finally {
      feeds.clear();
      created.forEach(OnnxTensor::close);
    }
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
