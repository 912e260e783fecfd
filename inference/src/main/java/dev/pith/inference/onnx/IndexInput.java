package dev.pith.inference.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable native buffer for an integer input (token ids, positions, attention mask) of shape
 * {@code [1, n]}. ONNX Runtime reads a direct buffer in place, so feeding it costs no copy; only the small
 * tensor wrapper is created per run.
 */
final class IndexInput {
  private final OrtEnvironment env;
  private final int elementSize;
  private final ByteBuffer buffer;
  private final int capacity;

  IndexInput(OrtEnvironment env, OnnxJavaType type, int capacity) {
    if (type != OnnxJavaType.INT64 && type != OnnxJavaType.INT32) {
      throw new IllegalArgumentException("integer input must be int64 or int32, got " + type);
    }
    this.env = env;
    this.elementSize = type == OnnxJavaType.INT64 ? 8 : 4;
    this.capacity = capacity;
    this.buffer = ByteBuffer.allocateDirect(capacity * elementSize).order(ByteOrder.nativeOrder());
  }

  void set(int index, long value) {
    if (elementSize == 8) {
      buffer.putLong(index * 8, value);
    } else {
      buffer.putInt(index * 4, (int) value);
    }
  }

  void fill(int from, int to, long value) {
    for (int i = from; i < to; i++) {
      set(i, value);
    }
  }

  /** A {@code [1, count]} tensor over the first {@code count} elements; the caller closes it. */
  OnnxTensor tensor(int count) throws OrtException {
    if (count > capacity) {
      throw new IllegalArgumentException(count + " elements do not fit a buffer of " + capacity);
    }
    ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
    view.position(0).limit(count * elementSize);
    long[] shape = {1, count};
    return elementSize == 8
        ? OnnxTensor.createTensor(env, view.asLongBuffer(), shape)
        : OnnxTensor.createTensor(env, view.asIntBuffer(), shape);
  }
}
