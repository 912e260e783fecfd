package dev.pith.inference.onnx.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.pith.inference.onnx.OrtRuntime;
import dev.pith.inference.onnx.optimize.ModelOptimizer.Report;
import dev.pith.inference.onnx.optimize.OnnxModel.Dim;
import dev.pith.inference.onnx.optimize.OnnxModel.Node;
import dev.pith.inference.onnx.optimize.OnnxModel.ValueInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last-token rewrite on small hand-encoded graphs: the walk from {@code logits} back to the head, and
 * every reason to leave a graph alone.
 */
class SyntheticGraphTest {
  private static final int FLOAT = 1;

  @TempDir Path tmp;

  private final ModelOptimizer optimizer = new ModelOptimizer();

  @Test
  void sliceGoesRightBeforeAMatMulBehindCastAndIdentity() throws Exception {
    Path source = write(17, head("MatMul", "mm"), cast("mm", "cast"), identity("cast", "logits"));
    Path target = tmp.resolve("model.pith.onnx");

    Report report = optimizer.optimize(source, target);

    assertEquals("last-token logits: Slice before MatMul 'head'; no MatMulNBits nodes", report.summary());
    OnnxModel model = OnnxModel.parse(ByteBuffer.wrap(Files.readAllBytes(target)));
    assertEquals(List.of("Slice", "MatMul", "Cast", "Identity"), model.nodes().stream().map(Node::opType).toList());
    Node slice = model.nodes().get(0);
    assertEquals(List.of("hidden", "/pith/last_token/starts", "/pith/last_token/ends", "/pith/last_token/axes"),
        slice.inputs());
    assertEquals(slice.outputs().get(0), model.nodes().get(1).inputs().get(0));
    for (ValueInfo info : model.valueInfos()) {
      assertEquals(1, model.dims(info).get(1).value(), info.name());
    }
    List<Dim> logits = model.dims(model.outputs().get(0));
    assertEquals("batch", logits.get(0).param());
    assertEquals(1, logits.get(1).value());
    assertEquals(3, logits.get(2).value());
    float[][] before = run(source, 5);
    float[][] after = run(target, 5);
    assertEquals(1, after.length);
    assertArrayEquals(before[4], after[0], 1e-6f);
  }

  @Test
  void newNamesNeverCollideWithExistingOnes() throws Exception {
    Path source = write(17, List.of("/pith/last_token/starts"), head("MatMul", "logits"));
    Path target = tmp.resolve("model.pith.onnx");

    assertTrue(optimizer.optimize(source, target).lastTokenLogits());

    OnnxModel model = OnnxModel.parse(ByteBuffer.wrap(Files.readAllBytes(target)));
    assertEquals("/pith/last_token/starts_1", model.nodes().get(0).inputs().get(1));
    assertArrayEquals(run(source, 3)[2], run(target, 3)[0], 1e-6f);
  }

  @Test
  void opsetBelowTenIsLeftAlone() throws Exception {
    assertSkipped("the default-domain opset is 9, Slice with axes needs 10", write(9, head("MatMul", "logits")));
  }

  @Test
  void logitsFromAnotherOperatorAreLeftAlone() throws Exception {
    Path source = write(17, head("MatMul", "mm"), node("Softmax", "softmax", List.of("mm"), "logits"));
    assertSkipped("'logits' comes from Softmax node 'softmax', not from MatMul, Gemm or MatMulNBits", source);
  }

  @Test
  void tensorsThatFeedOtherNodesAreLeftAlone() throws Exception {
    Path source = write(17, head("MatMul", "mm"), node("Relu", "relu", List.of("mm"), "other"),
        identity("mm", "logits"));
    assertSkipped("'mm' is used by more than the logits", source);
  }

  @Test
  void graphWithoutLogitsIsLeftAlone() throws Exception {
    assertSkipped("the graph has no 'logits' output", write(17, head("MatMul", "scores")));
  }

  private void assertSkipped(String reason, Path source) throws Exception {
    Path target = tmp.resolve("model.pith.onnx");
    Report report = optimizer.optimize(source, target);
    assertFalse(report.changed());
    assertEquals(reason, report.lastTokenDetail());
    assertFalse(Files.exists(target));
  }

  /** Runs {@code hidden} of shape [1, seq, 4] (values 0.1 * index) and returns the output rows. */
  private static float[][] run(Path model, int seq) throws Exception {
    OrtEnvironment env = OrtRuntime.environment();
    float[] hidden = new float[seq * 4];
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = 0.1f * i - 0.7f;
    }
    try (OrtSession session = env.createSession(model.toString());
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(hidden), new long[] {1, seq, 4});
        OrtSession.Result result = session.run(Map.of("hidden", input))) {
      String output = session.getOutputNames().iterator().next();
      float[][][] rows = (float[][][]) result.get(output).orElseThrow().getValue();
      return rows[0];
    }
  }

  // --- a tiny ONNX encoder for these graphs ---

  private Path write(long opset, Pieces... nodes) throws Exception {
    return write(opset, List.of(), nodes);
  }

  /**
   * hidden [batch, seq, 4] -> nodes -> the last node's output as the graph output [batch, seq, 3];
   * initializer W [4, 3]; other node outputs get value_info [batch, seq, 3].
   */
  private Path write(long opset, List<String> extraInitializers, Pieces... nodes) throws Exception {
    Pieces graph = new Pieces();
    List<String> outputs = new java.util.ArrayList<>();
    for (Pieces n : nodes) {
      graph.messageField(OnnxModel.GRAPH_NODE, n);
    }
    for (Pieces n : nodes) {
      ByteBuffer buf = ByteBuffer.wrap(WireTest.bytes(n));
      for (Wire.Field f : Wire.fields(buf, 0, buf.limit())) {
        if (f.number() == OnnxModel.NODE_OUTPUT) {
          outputs.add(f.string(buf));
        }
      }
    }
    graph.stringField(2, "synthetic");
    float[] w = new float[12];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i % 5) * 0.25f - 0.5f;
    }
    graph.messageField(OnnxModel.GRAPH_INITIALIZER, floatTensor("W", new long[] {4, 3}, w));
    for (String name : extraInitializers) {
      graph.messageField(OnnxModel.GRAPH_INITIALIZER, floatTensor(name, new long[] {1}, new float[] {0}));
    }
    graph.messageField(OnnxModel.GRAPH_INPUT, valueInfo("hidden", 4));
    String last = outputs.get(outputs.size() - 1);
    graph.messageField(OnnxModel.GRAPH_OUTPUT, valueInfo(last, 3));
    for (String name : outputs.subList(0, outputs.size() - 1)) {
      graph.messageField(OnnxModel.GRAPH_VALUE_INFO, valueInfo(name, 3));
    }
    Pieces model = new Pieces()
        .varintField(OnnxModel.MODEL_IR_VERSION, 8)
        .stringField(2, "pith-test")
        .messageField(OnnxModel.MODEL_GRAPH, graph)
        .messageField(OnnxModel.MODEL_OPSET_IMPORT, new Pieces().stringField(OnnxModel.OPSET_DOMAIN, "")
            .varintField(OnnxModel.OPSET_VERSION, opset));
    Path file = tmp.resolve("model.onnx");
    Files.write(file, WireTest.bytes(model));
    return file;
  }

  private static Pieces head(String op, String output) {
    return node(op, "head", List.of("hidden", "W"), output);
  }

  private static Pieces cast(String input, String output) {
    Pieces to = new Pieces().stringField(OnnxModel.ATTR_NAME, "to").varintField(OnnxModel.ATTR_I, FLOAT)
        .varintField(OnnxModel.ATTR_TYPE, OnnxModel.ATTR_TYPE_INT);
    return node("Cast", "cast", List.of(input), output).messageField(OnnxModel.NODE_ATTRIBUTE, to);
  }

  private static Pieces identity(String input, String output) {
    return node("Identity", "identity", List.of(input), output);
  }

  private static Pieces node(String op, String name, List<String> inputs, String output) {
    Pieces node = new Pieces();
    inputs.forEach(i -> node.stringField(OnnxModel.NODE_INPUT, i));
    return node.stringField(OnnxModel.NODE_OUTPUT, output).stringField(OnnxModel.NODE_NAME, name)
        .stringField(OnnxModel.NODE_OP_TYPE, op);
  }

  private static Pieces valueInfo(String name, long last) {
    Pieces shape = new Pieces()
        .messageField(OnnxModel.SHAPE_DIM, new Pieces().stringField(OnnxModel.DIM_PARAM, "batch"))
        .messageField(OnnxModel.SHAPE_DIM, new Pieces().stringField(OnnxModel.DIM_PARAM, "seq"))
        .messageField(OnnxModel.SHAPE_DIM, new Pieces().varintField(OnnxModel.DIM_VALUE, last));
    Pieces tensor = new Pieces().varintField(1, FLOAT).messageField(OnnxModel.TENSOR_TYPE_SHAPE, shape);
    return new Pieces().stringField(OnnxModel.VALUE_INFO_NAME, name)
        .messageField(OnnxModel.VALUE_INFO_TYPE, new Pieces().messageField(OnnxModel.TYPE_TENSOR, tensor));
  }

  private static Pieces floatTensor(String name, long[] dims, float[] values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    return new Pieces().packedField(OnnxModel.TENSOR_DIMS, dims).varintField(OnnxModel.TENSOR_DATA_TYPE, FLOAT)
        .stringField(OnnxModel.TENSOR_NAME, name).bytesField(9, raw.array());
  }
}
