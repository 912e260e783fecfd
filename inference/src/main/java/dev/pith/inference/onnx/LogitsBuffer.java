package dev.pith.inference.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory that ONNX Runtime writes the logits into (a pinned output), so no run allocates or copies
 * a logits tensor on the Java heap. Sized for the largest run ({@code [1, maxTokens, vocab]}), or for one
 * row when the graph computes the last position only. Only the last position's row is read, into one
 * reused {@code float[]}.
 */
final class LogitsBuffer implements AutoCloseable {
  private final OrtEnvironment env;
  private final OnnxJavaType type;
  private final int vocab;
  private final int elementSize;
  private final boolean lastOnly;
  private final ByteBuffer buffer;
  private final float[] lastRow;
  private OnnxTensor cached;
  private int cachedCount;

  /**
   * @param lastOnly the graph's logits are {@code [1, 1, vocab]} whatever the number of fed tokens
   */
  LogitsBuffer(OrtEnvironment env, OnnxJavaType type, int vocab, int maxTokens, boolean lastOnly) {
    this.env = env;
    this.type = type;
    this.vocab = vocab;
    this.elementSize = KvCache.elementSize(type);
    this.lastOnly = lastOnly;
    int rows = lastOnly ? 1 : maxTokens;
    this.buffer = ByteBuffer.allocateDirect(Math.multiplyExact(rows, vocab * elementSize))
        .order(ByteOrder.nativeOrder());
    this.lastRow = new float[vocab];
  }

  /** The output tensor for a run over {@code count} tokens. Owned by this buffer. */
  OnnxTensor output(int count) throws OrtException {
    if (lastOnly) {
      count = 1;
    }
    if (cached != null && cachedCount == count) {
      return cached;
    }
    if (cached != null) {
      cached.close();
    }
    ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
    view.position(0).limit(count * vocab * elementSize);
    cached = KvCache.tensor(env, view.slice().order(ByteOrder.nativeOrder()), new long[] {1, count, vocab}, type);
    cachedCount = count;
    return cached;
  }

  /**
   * Reads the logits of the last of {@code count} positions. The returned array is reused by the next
   * call.
   */
  float[] lastRow(int count) {
    int base = lastOnly ? 0 : (count - 1) * vocab * elementSize;
    if (type == OnnxJavaType.FLOAT) {
      ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
      view.position(base);
      view.asFloatBuffer().get(lastRow, 0, vocab);
    } else {
      for (int i = 0; i < vocab; i++) {
        lastRow[i] = Float16.toFloat(buffer.getShort(base + i * 2));
      }
    }
    return lastRow;
  }

  @Override
  public void close() {
    if (cached != null) {
      cached.close();
      cached = null;
    }
  }
}
