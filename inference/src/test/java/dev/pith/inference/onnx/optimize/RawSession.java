package dev.pith.inference.onnx.optimize;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.pith.inference.onnx.DecoderHarness;
import dev.pith.inference.onnx.OrtRuntime;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain ONNX Runtime session on one ONNX file, below Pith's decoder: every run feeds the whole sequence
 * with empty past tensors, so an original and an optimized graph are compared on exactly the same inputs.
 */
final class RawSession implements AutoCloseable {
  private final OrtEnvironment env = OrtRuntime.environment();
  private final OrtSession.SessionOptions options;
  private final OrtSession session;

  RawSession(Path onnxFile) throws OrtException {
    options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(2);
    session = env.createSession(onnxFile.toString(), options);
  }

  /** The shape ONNX Runtime reports for the {@code logits} output ({@code -1} for symbolic dimensions). */
  long[] logitsShape() throws OrtException {
    return ((TensorInfo) session.getOutputInfo().get("logits").getInfo()).getShape();
  }

  /** Greedy continuation of {@code prompt}: {@code steps} argmax ids, EOS ignored. */
  int[] greedy(int[] prompt, int steps) throws OrtException {
    int[] ids = java.util.Arrays.copyOf(prompt, prompt.length + steps);
    for (int step = 0; step < steps; step++) {
      ids[prompt.length + step] = argmax(lastLogits(java.util.Arrays.copyOf(ids, prompt.length + step)));
    }
    return java.util.Arrays.copyOfRange(ids, prompt.length, ids.length);
  }

  /** The logits of the last position after feeding all of {@code ids}. */
  float[] lastLogits(int[] ids) throws OrtException {
    Map<String, OnnxTensor> feeds = new HashMap<>();
    List<OnnxTensor> created = new ArrayList<>();
    try {
      for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
        TensorInfo info = (TensorInfo) input.getValue().getInfo();
        OnnxTensor tensor = switch (input.getKey()) {
          case "input_ids" -> indices(info.type, ids.length, i -> ids[i]);
          case "attention_mask" -> indices(info.type, ids.length, i -> 1);
          case "position_ids" -> indices(info.type, ids.length, i -> i);
          default -> emptyPast(info);
        };
        created.add(tensor);
        feeds.put(input.getKey(), tensor);
      }
      try (OrtSession.Result result = session.run(feeds, Set.of("logits"))) {
        OnnxTensor logits = (OnnxTensor) result.get("logits").orElseThrow();
        long[] shape = logits.getInfo().getShape();
        int vocab = (int) shape[2];
        FloatBuffer all = logits.getFloatBuffer();
        float[] last = new float[vocab];
        all.position((int) (shape[1] - 1) * vocab);
        all.get(last);
        return last;
      }
    } finally {
      created.forEach(OnnxTensor::close);
    }
  }

  private OnnxTensor indices(OnnxJavaType type, int n, java.util.function.IntUnaryOperator value)
      throws OrtException {
    long[] shape = {1, n};
    if (type == OnnxJavaType.INT32) {
      IntBuffer buf = IntBuffer.allocate(n);
      for (int i = 0; i < n; i++) {
        buf.put(i, value.applyAsInt(i));
      }
      return OnnxTensor.createTensor(env, buf, shape);
    }
    LongBuffer buf = LongBuffer.allocate(n);
    for (int i = 0; i < n; i++) {
      buf.put(i, value.applyAsInt(i));
    }
    return OnnxTensor.createTensor(env, buf, shape);
  }

  /** {@code [1, kv_heads, 0, head_size]}: nothing cached yet. */
  private OnnxTensor emptyPast(TensorInfo info) throws OrtException {
    long[] shape = info.getShape().clone();
    shape[0] = 1;
    shape[2] = 0;
    return OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), shape, info.type);
  }

  static int argmax(float[] logits) {
    return DecoderHarness.argmax(logits);
  }

  @Override
  public void close() throws OrtException {
    session.close();
    options.close();
  }
}
