package dev.pith.inference.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The key/value cache between decoder runs. After each run the graph's {@code present.N.*} outputs become
 * the next run's {@code past_key_values.N.*} inputs as they are: native tensors handed back by ONNX
 * Runtime, never copied through Java. The first run gets empty tensors {@code [1, kv_heads, 0, head_size]}.
 *
 * <p>Ownership: this cache owns the {@link OrtSession.Result} whose present tensors it currently feeds
 * as past, and closes it when the next result replaces it, on {@link #reset()} and on {@link #close()}.
 */
final class KvCache implements AutoCloseable {
  private final DecoderSignature signature;
  private final OnnxTensor empty;
  private OrtSession.Result owner;
  private int length;

  KvCache(OrtEnvironment env, DecoderSignature signature) throws OrtException {
    this.signature = signature;
    long[] shape = {1, signature.kvHeads(), 0, signature.headSize()};
    OnnxJavaType type = signature.kvType();
    this.empty = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), shape, type);
  }

  /** Tokens currently held. */
  int length() {
    return length;
  }

  /** Puts the current past tensors into a run's feeds. */
  void addInputs(Map<String, OnnxTensorLike> feeds) {
    for (int layer = 0; layer < signature.layers(); layer++) {
      feeds.put(signature.pastKeys().get(layer), past(signature.presentKeys().get(layer)));
      feeds.put(signature.pastValues().get(layer), past(signature.presentValues().get(layer)));
    }
  }

  /** Takes a finished run's presents as the new past; the cache now holds {@code newLength} tokens. */
  void update(OrtSession.Result result, int newLength) {
    OrtSession.Result previous = owner;
    owner = result;
    length = newLength;
    if (previous != null) {
      previous.close();
    }
  }

  /** Forgets everything (the next run starts from an empty past). */
  void reset() {
    if (owner != null) {
      owner.close();
      owner = null;
    }
    length = 0;
  }

  @Override
  public void close() {
    reset();
    empty.close();
  }

  private OnnxTensorLike past(String presentName) {
    if (owner == null) {
      return empty;
    }
    OnnxValue value = owner.get(presentName).orElseThrow(
        () -> new IllegalStateException("run result has no output " + presentName));
    return (OnnxTensor) value;
  }
}
