package dev.pith.inference.onnx.optimize;

import dev.pith.inference.onnx.optimize.OnnxModel.Dim;
import dev.pith.inference.onnx.optimize.OnnxModel.Node;
import dev.pith.inference.onnx.optimize.OnnxModel.ValueInfo;
import dev.pith.inference.onnx.optimize.Wire.Field;
import dev.pith.inference.onnx.optimize.Wire.MalformedException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last-token logits rewrite: finds the LM head that produces the {@code logits} output (through Cast or
 * Identity nodes) and plans a {@code Slice(hidden, [-1], [INT64_MAX], axes=[1])} before it, so the head
 * multiplies one position instead of the whole prompt. Every tensor from the head to {@code logits} must
 * feed nothing else, since all of them shrink to one position.
 */
final class LastTokenLogits {
  static final String LOGITS = "logits";

  private final String detail;
  private final Node head;
  private final Set<Integer> shapeEdits;
  private final String sliced;
  private final String starts;
  private final String ends;
  private final String axes;
  private final String sliceName;

  private LastTokenLogits(String detail, Node head, Set<Integer> shapeEdits, Set<String> names) {
    this.detail = detail;
    this.head = head;
    this.shapeEdits = shapeEdits;
    String base = ModelOptimizer.PREFIX + "last_token/";
    this.sliced = unique(names, base + "hidden");
    this.starts = unique(names, base + "starts");
    this.ends = unique(names, base + "ends");
    this.axes = unique(names, base + "axes");
    this.sliceName = unique(names, base + "Slice");
  }

  static LastTokenLogits skip(String reason) {
    return new LastTokenLogits(reason, null, Set.of(), new HashSet<>());
  }

  /** Where the rewrite applies, or why it does not (never throws for a graph it cannot handle). */
  static LastTokenLogits plan(OnnxModel model) throws MalformedException {
    ValueInfo logits = model.outputs().stream().filter(o -> o.name().equals(LOGITS)).findFirst().orElse(null);
    if (logits == null) {
      return skip("the graph has no 'logits' output");
    }
    List<Dim> dims = model.dims(logits);
    if (dims == null || dims.size() != 3) {
      return skip("'logits' is not declared as [batch, sequence, vocab]");
    }
    boolean ours = model.nodes().stream().anyMatch(n -> n.outputs().stream().anyMatch(o ->
        o.startsWith(ModelOptimizer.PREFIX)));
    if (dims.get(1).value() == 1 || ours) {
      return skip(ours ? "already applied: the graph has " + ModelOptimizer.PREFIX + " nodes"
          : "already applied: 'logits' has sequence length 1");
    }
    if (model.defaultOpset() < 10) {
      return skip("the default-domain opset is " + model.defaultOpset() + ", Slice with axes needs 10");
    }
    Map<String, Node> producers = new HashMap<>();
    Map<String, Integer> uses = new HashMap<>();
    for (Node n : model.nodes()) {
      n.outputs().forEach(o -> producers.put(o, n));
      n.inputs().forEach(i -> uses.merge(i, 1, Integer::sum));
    }
    model.outputs().forEach(o -> uses.merge(o.name(), 1, Integer::sum));
    Set<String> chain = new LinkedHashSet<>();
    String tensor = LOGITS;
    Node node;
    while (true) {
      node = producers.get(tensor);
      if (node == null) {
        return skip("'" + tensor + "' is not computed by a node");
      }
      if (uses.getOrDefault(tensor, 0) != 1 || !chain.add(tensor)) {
        return skip("'" + tensor + "' is used by more than the logits");
      }
      if (isHead(node)) {
        break;
      }
      if (!(node.is("", "Cast") || node.is("", "Identity")) || node.inputs().size() != 1) {
        return skip("'logits' comes from " + node.opType() + " node '" + node.name()
            + "', not from MatMul, Gemm or MatMulNBits");
      }
      tensor = node.inputs().get(0);
    }
    if (node.inputs().isEmpty() || !node.outputs().get(0).equals(tensor)
        || model.initializers().contains(node.inputs().get(0))) {
      return skip("the LM head '" + node.name() + "' does not take the hidden states as its first input");
    }
    return new LastTokenLogits("Slice before " + node.opType() + " '" + node.name() + "'", node,
        shapeEdits(model, chain), allNames(model));
  }

  /** The graph output {@code logits} and the value_info entries of the other tensors that shrink with it. */
  private static Set<Integer> shapeEdits(OnnxModel model, Set<String> chain) throws MalformedException {
    Set<Integer> edits = new HashSet<>();
    for (ValueInfo info : model.outputs()) {
      if (info.name().equals(LOGITS)) {
        edits.add(info.field().start());
      }
    }
    for (ValueInfo info : model.valueInfos()) {
      List<Dim> dims = model.dims(info);
      if (chain.contains(info.name()) && dims != null && dims.size() == 3) {
        edits.add(info.field().start());
      }
    }
    return edits;
  }

  private static boolean isHead(Node node) {
    return node.is("com.microsoft", "MatMulNBits") || node.is("", "MatMul") || node.is("", "Gemm");
  }

  boolean applies() {
    return head != null;
  }

  /** Where the Slice goes, or why there is none. */
  String detail() {
    return detail;
  }

  /** Whether this node is the LM head (whose first input becomes {@link #slicedName()}). */
  boolean isHeadNode(Node node) {
    return head != null && node.field().start() == head.field().start();
  }

  /** The Slice's output, the head's new first input. */
  String slicedName() {
    return sliced;
  }

  /** The Slice NodeProto, to be placed right before the head. */
  Pieces sliceNode() {
    return new Pieces()
        .stringField(OnnxModel.NODE_INPUT, head.inputs().get(0))
        .stringField(OnnxModel.NODE_INPUT, starts)
        .stringField(OnnxModel.NODE_INPUT, ends)
        .stringField(OnnxModel.NODE_INPUT, axes)
        .stringField(OnnxModel.NODE_OUTPUT, sliced)
        .stringField(OnnxModel.NODE_NAME, sliceName)
        .stringField(OnnxModel.NODE_OP_TYPE, "Slice");
  }

  /** Appends the Slice's three int64 initializers to a GraphProto. */
  void addInitializers(Pieces graph) {
    if (head == null) {
      return;
    }
    graph.messageField(OnnxModel.GRAPH_INITIALIZER, int64Tensor(starts, -1));
    graph.messageField(OnnxModel.GRAPH_INITIALIZER, int64Tensor(ends, Long.MAX_VALUE));
    graph.messageField(OnnxModel.GRAPH_INITIALIZER, int64Tensor(axes, 1));
  }

  private static Pieces int64Tensor(String name, long value) {
    return new Pieces()
        .packedField(OnnxModel.TENSOR_DIMS, 1)
        .varintField(OnnxModel.TENSOR_DATA_TYPE, OnnxModel.TENSOR_INT64)
        .packedField(OnnxModel.TENSOR_INT64_DATA, value)
        .stringField(OnnxModel.TENSOR_NAME, name);
  }

  /**
   * The graph output or value_info at {@code field} with dimension 1 set to 1, or null when this rewrite
   * leaves it alone.
   */
  Pieces shapeEdit(OnnxModel model, Field field) throws MalformedException {
    if (!shapeEdits.contains(field.start())) {
      return null;
    }
    return rewrite(model, field, OnnxModel.VALUE_INFO_TYPE,
        type -> rewrite(model, type, OnnxModel.TYPE_TENSOR,
            tensor -> rewrite(model, tensor, OnnxModel.TENSOR_TYPE_SHAPE, shape -> sequenceOfOne(model, shape))));
  }

  private interface Edit {
    Pieces apply(Field field) throws MalformedException;
  }

  /** Copies a message, re-encoding each sub-message field {@code number} through {@code edit}. */
  private static Pieces rewrite(OnnxModel model, Field message, int number, Edit edit) throws MalformedException {
    Pieces out = new Pieces();
    for (Field part : message.fields(model.buf())) {
      if (part.isMessage(number)) {
        out.messageField(number, edit.apply(part));
      } else {
        out.copy(part);
      }
    }
    return out;
  }

  private static Pieces sequenceOfOne(OnnxModel model, Field shape) throws MalformedException {
    Pieces out = new Pieces();
    int index = 0;
    for (Field part : shape.fields(model.buf())) {
      if (part.isMessage(OnnxModel.SHAPE_DIM) && index++ == 1) {
        out.messageField(OnnxModel.SHAPE_DIM, new Pieces().varintField(OnnxModel.DIM_VALUE, 1));
      } else {
        out.copy(part);
      }
    }
    return out;
  }

  private static Set<String> allNames(OnnxModel model) {
    Set<String> names = new HashSet<>(model.initializers());
    for (Node n : model.nodes()) {
      names.add(n.name());
      names.addAll(n.inputs());
      names.addAll(n.outputs());
    }
    for (List<ValueInfo> infos : List.of(model.inputs(), model.outputs(), model.valueInfos())) {
      infos.forEach(i -> names.add(i.name()));
    }
    return names;
  }

  private static String unique(Set<String> names, String base) {
    String name = base;
    for (int i = 1; names.contains(name); i++) {
      name = base + "_" + i;
    }
    names.add(name);
    return name;
  }
}
