package dev.pith.inference.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key/value cache between decoder runs, in one of two forms chosen by the graph's attention:
 *
 * <ul>
 *   <li>{@link Shared}: for {@code GroupQueryAttention} graphs. One native buffer per layer and kind,
 *       {@code [1, kv_heads, capacity, head_size]}, is bound as the past input <em>and</em> pinned as the
 *       present output, so the operator appends the new tokens in place. Nothing is copied per step and
 *       rewinding is only a length change. The buffer doubles when it fills (one copy, amortised), up to
 *       the context limit, so memory follows the conversation instead of the model's maximum context.
 *   <li>{@link Chained}: for graphs that concatenate past and new keys themselves (Optimum exports). A
 *       run's {@code present.N.*} outputs are fed back as the next run's past, as native tensors handed
 *       back by ONNX Runtime. A rewind copies the kept positions into new tensors once.
 * </ul>
 */
abstract sealed class KvCache implements AutoCloseable {
  protected final DecoderSignature signature;
  protected int length;

  private KvCache(DecoderSignature signature) {
    this.signature = signature;
  }

  static KvCache create(OrtEnvironment env, DecoderSignature signature, boolean sharedBuffer, int capacity)
      throws OrtException {
    return sharedBuffer ? new Shared(env, signature, capacity) : new Chained(env, signature);
  }

  /** Tokens currently held. */
  final int length() {
    return length;
  }

  /** Makes room for a run that brings the cache to {@code total} tokens. */
  abstract void reserve(int total) throws OrtException;

  /** Puts the past tensors into a run's inputs and the present tensors it writes into its pinned outputs. */
  abstract void bind(Map<String, OnnxTensorLike> inputs, Map<String, OnnxValue> pinnedOutputs);

  /** Outputs the run must return (not pinned). */
  abstract Set<String> requestedOutputs();

  /** Takes a finished run's result; the cache now holds {@code newLength} tokens. Owns {@code result}. */
  abstract void update(OrtSession.Result result, int newLength);

  /**
   * Keeps at most the first {@code tokens} tokens.
   *
   * @return how many are kept: {@code min(tokens, length())}
   */
  abstract int rewind(int tokens) throws OrtException;

  /** Forgets everything (the next run starts from an empty past). */
  abstract void reset();

  @Override
  public abstract void close();

  static int elementSize(OnnxJavaType type) {
    return type == OnnxJavaType.FLOAT ? 4 : 2;
  }

  static OnnxTensor tensor(OrtEnvironment env, ByteBuffer buffer, long[] shape, OnnxJavaType type)
      throws OrtException {
    return type == OnnxJavaType.FLOAT
        ? OnnxTensor.createTensor(env, buffer.asFloatBuffer(), shape)
        : OnnxTensor.createTensor(env, buffer, shape, type);
  }

  /** One buffer per layer and kind, shared by past input and present output. */
  static final class Shared extends KvCache {
    /** Small on purpose: a short chat stays small, and growing costs one copy per doubling. */
    private static final int INITIAL_CAPACITY = 64;

    private final OrtEnvironment env;
    private final int maxCapacity;
    private final int elementSize;
    private final ByteBuffer[] buffers;
    private final OnnxTensor[] tensors;
    private final String[] pastNames;
    private final String[] presentNames;
    private int capacity;

    Shared(OrtEnvironment env, DecoderSignature signature, int maxCapacity) throws OrtException {
      super(signature);
      this.env = env;
      this.maxCapacity = maxCapacity;
      this.elementSize = elementSize(signature.kvType());
      int n = signature.layers() * 2;
      this.buffers = new ByteBuffer[n];
      this.tensors = new OnnxTensor[n];
      this.pastNames = new String[n];
      this.presentNames = new String[n];
      for (int layer = 0; layer < signature.layers(); layer++) {
        pastNames[2 * layer] = signature.pastKeys().get(layer);
        pastNames[2 * layer + 1] = signature.pastValues().get(layer);
        presentNames[2 * layer] = signature.presentKeys().get(layer);
        presentNames[2 * layer + 1] = signature.presentValues().get(layer);
      }
      allocate(Math.min(INITIAL_CAPACITY, maxCapacity));
    }

    /** Tokens the buffers hold before they must grow. */
    int capacity() {
      return capacity;
    }

    @Override
    void reserve(int total) throws OrtException {
      if (total > maxCapacity) {
        throw new IllegalArgumentException(total + " tokens exceed the KV cache limit of " + maxCapacity);
      }
      if (total > capacity) {
        int grown = capacity;
        while (grown < total) {
          grown = Math.min(maxCapacity, grown * 2);
        }
        allocate(grown);
      }
    }

    /** Moves to buffers of {@code newCapacity} tokens, keeping the cached ones (per head: the stride changes). */
    private void allocate(int newCapacity) throws OrtException {
      int heads = signature.kvHeads();
      int row = signature.headSize() * elementSize;
      long bytes = (long) heads * newCapacity * row;
      if (bytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("a KV buffer of " + newCapacity + " tokens does not fit one buffer");
      }
      long[] shape = {1, heads, newCapacity, signature.headSize()};
      for (int i = 0; i < buffers.length; i++) {
        ByteBuffer fresh = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        if (buffers[i] != null) {
          for (int h = 0; h < heads; h++) {
            fresh.put(h * newCapacity * row, buffers[i], h * capacity * row, length * row);
          }
          tensors[i].close();
        }
        buffers[i] = fresh;
        tensors[i] = tensor(env, fresh, shape, signature.kvType());
      }
      capacity = newCapacity;
    }

    @Override
    void bind(Map<String, OnnxTensorLike> inputs, Map<String, OnnxValue> pinnedOutputs) {
      for (int i = 0; i < tensors.length; i++) {
        inputs.put(pastNames[i], tensors[i]);
        pinnedOutputs.put(presentNames[i], tensors[i]);
      }
    }

    @Override
    Set<String> requestedOutputs() {
      return Set.of();
    }

    @Override
    void update(OrtSession.Result result, int newLength) {
      // Every output was pinned: the result owns nothing of ours.
      result.close();
      length = newLength;
    }

    @Override
    int rewind(int tokens) {
      // Positions past the length are never read: the attention mask says how many are valid.
      length = Math.min(length, Math.max(0, tokens));
      return length;
    }

    @Override
    void reset() {
      length = 0;
    }

    @Override
    public void close() {
      for (OnnxTensor t : tensors) {
        if (t != null) {
          t.close();
        }
      }
      length = 0;
    }
  }

  /** Present tensors fed back as the next run's past. */
  static final class Chained extends KvCache {
    private final OrtEnvironment env;
    private final OnnxTensor empty;
    private final Set<String> presentNames;
    /** The last run's result, whose presents are the past; or null. */
    private OrtSession.Result owner;
    /** Presents cut short by a rewind, by present name; or null. */
    private Map<String, OnnxTensor> cut;

    Chained(OrtEnvironment env, DecoderSignature signature) throws OrtException {
      super(signature);
      this.env = env;
      long[] shape = {1, signature.kvHeads(), 0, signature.headSize()};
      this.empty = tensor(env, ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()), shape,
          signature.kvType());
      Set<String> names = new LinkedHashSet<>(signature.presentKeys());
      names.addAll(signature.presentValues());
      this.presentNames = Set.copyOf(names);
    }

    @Override
    void reserve(int total) {
      // The graph allocates each run's presents itself.
    }

    @Override
    void bind(Map<String, OnnxTensorLike> inputs, Map<String, OnnxValue> pinnedOutputs) {
      List<String> keys = signature.pastKeys();
      List<String> values = signature.pastValues();
      for (int layer = 0; layer < signature.layers(); layer++) {
        inputs.put(keys.get(layer), past(signature.presentKeys().get(layer)));
        inputs.put(values.get(layer), past(signature.presentValues().get(layer)));
      }
    }

    @Override
    Set<String> requestedOutputs() {
      return presentNames;
    }

    @Override
    void update(OrtSession.Result result, int newLength) {
      // The previous tensors were this run's inputs: release them only now that it is done.
      OrtSession.Result previous = owner;
      Map<String, OnnxTensor> previousCut = cut;
      owner = result;
      cut = null;
      length = newLength;
      release(previous, previousCut);
    }

    @Override
    int rewind(int tokens) throws OrtException {
      int keep = Math.max(0, tokens);
      if (keep >= length) {
        return length;
      }
      if (keep == 0) {
        reset();
        return 0;
      }
      Map<String, OnnxTensor> shorter = new java.util.HashMap<>();
      try {
        for (String name : presentNames) {
          shorter.put(name, prefix((OnnxTensor) past(name), keep));
        }
      } catch (OrtException | RuntimeException e) {
        shorter.values().forEach(OnnxTensor::close);
        throw e;
      }
      release(owner, cut);
      owner = null;
      cut = shorter;
      length = keep;
      return keep;
    }

    /** The first {@code keep} positions of a {@code [1, heads, length, head_size]} tensor, as a new tensor. */
    private OnnxTensor prefix(OnnxTensor full, int keep) throws OrtException {
      int heads = signature.kvHeads();
      int row = signature.headSize() * elementSize(signature.kvType());
      ByteBuffer source = full.getByteBuffer().order(ByteOrder.nativeOrder());
      ByteBuffer target = ByteBuffer.allocateDirect(heads * keep * row).order(ByteOrder.nativeOrder());
      for (int h = 0; h < heads; h++) {
        target.put(h * keep * row, source, h * length * row, keep * row);
      }
      return tensor(env, target, new long[] {1, heads, keep, signature.headSize()}, signature.kvType());
    }

    @Override
    void reset() {
      release(owner, cut);
      owner = null;
      cut = null;
      length = 0;
    }

    @Override
    public void close() {
      reset();
      empty.close();
    }

    private static void release(OrtSession.Result result, Map<String, OnnxTensor> tensors) {
      if (result != null) {
        result.close();
      }
      if (tensors != null) {
        tensors.values().forEach(OnnxTensor::close);
      }
    }

    private OnnxTensorLike past(String presentName) {
      if (cut != null) {
        return cut.get(presentName);
      }
      if (owner == null) {
        return empty;
      }
      OnnxValue value = owner.get(presentName).orElseThrow(
          () -> new IllegalStateException("run result has no output " + presentName));
      return (OnnxTensor) value;
    }
  }
}
