package dev.pith.inference.onnx.optimize;

import dev.pith.inference.onnx.optimize.Wire.Field;
import dev.pith.inference.onnx.optimize.Wire.MalformedException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an ONNX ModelProto the optimizer reads, located in the (memory-mapped) file: opset
 * imports, and in the main graph the nodes, inputs, outputs, value infos and initializer names. Tensors
 * are only skipped over; subgraphs (If/Loop bodies) and functions are not looked into.
 *
 * @param buf the whole file
 * @param fields the ModelProto's fields
 * @param graph the ModelProto's graph field
 * @param graphFields the GraphProto's fields, in file order
 * @param opsets imported opset version by domain ({@code ""} for the default domain)
 * @param nodes the main graph's nodes, in file order
 * @param inputs graph inputs
 * @param outputs graph outputs
 * @param valueInfos graph value_info entries
 * @param initializers initializer names
 */
record OnnxModel(
    ByteBuffer buf,
    List<Field> fields,
    Field graph,
    List<Field> graphFields,
    Map<String, Long> opsets,
    List<Node> nodes,
    List<ValueInfo> inputs,
    List<ValueInfo> outputs,
    List<ValueInfo> valueInfos,
    Set<String> initializers) {

  // onnx.proto field numbers, as far as the optimizer uses them.
  static final int MODEL_IR_VERSION = 1;
  static final int MODEL_GRAPH = 7;
  static final int MODEL_OPSET_IMPORT = 8;
  static final int OPSET_DOMAIN = 1;
  static final int OPSET_VERSION = 2;
  static final int GRAPH_NODE = 1;
  static final int GRAPH_INITIALIZER = 5;
  static final int GRAPH_INPUT = 11;
  static final int GRAPH_OUTPUT = 12;
  static final int GRAPH_VALUE_INFO = 13;
  static final int NODE_INPUT = 1;
  static final int NODE_OUTPUT = 2;
  static final int NODE_NAME = 3;
  static final int NODE_OP_TYPE = 4;
  static final int NODE_ATTRIBUTE = 5;
  static final int NODE_DOMAIN = 7;
  static final int ATTR_NAME = 1;
  static final int ATTR_I = 3;
  static final int ATTR_TYPE = 20;
  static final int ATTR_TYPE_INT = 2;
  static final int VALUE_INFO_NAME = 1;
  static final int VALUE_INFO_TYPE = 2;
  static final int TYPE_TENSOR = 1;
  static final int TENSOR_TYPE_SHAPE = 2;
  static final int SHAPE_DIM = 1;
  static final int DIM_VALUE = 1;
  static final int DIM_PARAM = 2;
  static final int TENSOR_DIMS = 1;
  static final int TENSOR_DATA_TYPE = 2;
  static final int TENSOR_INT64_DATA = 7;
  static final int TENSOR_NAME = 8;
  static final int TENSOR_INT64 = 7;

  /**
   * A node of the main graph.
   *
   * @param field its NodeProto field in the graph
   * @param domain {@code ""} for the default domain ({@code ai.onnx} is read as {@code ""})
   */
  record Node(Field field, String name, String opType, String domain, List<String> inputs, List<String> outputs,
      List<Attribute> attributes) {
    boolean is(String opDomain, String op) {
      return domain.equals(opDomain) && opType.equals(op);
    }

    Attribute attribute(String attrName) {
      return attributes.stream().filter(a -> a.name().equals(attrName)).findFirst().orElse(null);
    }
  }

  /**
   * An attribute of a node.
   *
   * @param type the AttributeType, 0 when the file states none
   * @param i the int value, 0 when absent (the protobuf default)
   */
  record Attribute(Field field, String name, int type, long i) {}

  /** A graph input, output or value_info entry. */
  record ValueInfo(Field field, String name) {}

  /**
   * One dimension of a tensor shape.
   *
   * @param value the dim_value, or -1 when the dimension has none (symbolic or unknown)
   * @param param the dim_param, or null
   */
  record Dim(Field field, long value, String param) {}

  /**
   * Locates everything the optimizer needs.
   *
   * @throws MalformedException when the bytes are not protobuf or not shaped like an ONNX model
   */
  static OnnxModel parse(ByteBuffer buf) throws MalformedException {
    List<Field> fields = Wire.fields(buf, 0, buf.limit());
    Field graph = null;
    boolean irVersion = false;
    Map<String, Long> opsets = new LinkedHashMap<>();
    for (Field f : fields) {
      if (f.number() == MODEL_GRAPH) {
        if (graph != null || f.wireType() != Wire.LEN) {
          throw new MalformedException("ModelProto field 7 (graph) is repeated or not a message");
        }
        graph = f;
      } else if (f.number() == MODEL_IR_VERSION) {
        irVersion = f.wireType() == Wire.VARINT;
      } else if (f.number() == MODEL_OPSET_IMPORT) {
        readOpset(buf, f, opsets);
      }
    }
    if (graph == null || !irVersion) {
      throw new MalformedException("it has no ir_version or no graph");
    }
    List<Field> graphFields = graph.fields(buf);
    List<Node> nodes = new ArrayList<>();
    List<ValueInfo> inputs = new ArrayList<>();
    List<ValueInfo> outputs = new ArrayList<>();
    List<ValueInfo> valueInfos = new ArrayList<>();
    Set<String> initializers = new LinkedHashSet<>();
    for (Field f : graphFields) {
      switch (f.number()) {
        case GRAPH_NODE -> nodes.add(readNode(buf, f));
        case GRAPH_INPUT -> inputs.add(readValueInfo(buf, f));
        case GRAPH_OUTPUT -> outputs.add(readValueInfo(buf, f));
        case GRAPH_VALUE_INFO -> valueInfos.add(readValueInfo(buf, f));
        case GRAPH_INITIALIZER -> initializers.add(stringField(buf, f, TENSOR_NAME));
        default -> { }
      }
    }
    return new OnnxModel(buf, fields, graph, graphFields, opsets, nodes, inputs, outputs, valueInfos,
        initializers);
  }

  /** The imported version of the default ONNX domain, or 0 when none is imported. */
  long defaultOpset() {
    return opsets.getOrDefault("", 0L);
  }

  /**
   * The dimensions of a tensor value's shape, or null when it states no tensor shape.
   *
   * @throws MalformedException when its TypeProto is not well formed
   */
  List<Dim> dims(ValueInfo info) throws MalformedException {
    Field shape = nested(info.field(), VALUE_INFO_TYPE, TYPE_TENSOR, TENSOR_TYPE_SHAPE);
    if (shape == null) {
      return null;
    }
    List<Dim> dims = new ArrayList<>();
    for (Field d : shape.fields(buf)) {
      if (!d.isMessage(SHAPE_DIM)) {
        continue;
      }
      long value = -1;
      String param = null;
      for (Field part : d.fields(buf)) {
        if (part.number() == DIM_VALUE && part.wireType() == Wire.VARINT) {
          value = part.varint(buf);
        } else if (part.isMessage(DIM_PARAM)) {
          param = part.string(buf);
        }
      }
      dims.add(new Dim(d, value, param));
    }
    return dims;
  }

  /** Follows a path of message fields (last occurrence of each, as protobuf merges them), or null. */
  private Field nested(Field message, int... path) throws MalformedException {
    Field current = message;
    for (int number : path) {
      Field next = null;
      for (Field f : current.fields(buf)) {
        if (f.isMessage(number)) {
          next = f;
        }
      }
      if (next == null) {
        return null;
      }
      current = next;
    }
    return current;
  }

  private static void readOpset(ByteBuffer buf, Field f, Map<String, Long> opsets) throws MalformedException {
    String domain = "";
    long version = 0;
    for (Field part : f.fields(buf)) {
      if (part.isMessage(OPSET_DOMAIN)) {
        domain = part.string(buf);
      } else if (part.number() == OPSET_VERSION) {
        version = part.varint(buf);
      }
    }
    opsets.put(domain.equals("ai.onnx") ? "" : domain, version);
  }

  private static Node readNode(ByteBuffer buf, Field f) throws MalformedException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    List<Attribute> attributes = new ArrayList<>();
    String name = "";
    String opType = "";
    String domain = "";
    for (Field part : f.fields(buf)) {
      switch (part.number()) {
        case NODE_INPUT -> inputs.add(part.string(buf));
        case NODE_OUTPUT -> outputs.add(part.string(buf));
        case NODE_NAME -> name = part.string(buf);
        case NODE_OP_TYPE -> opType = part.string(buf);
        case NODE_DOMAIN -> domain = part.string(buf);
        case NODE_ATTRIBUTE -> attributes.add(readAttribute(buf, part));
        default -> { }
      }
    }
    if (opType.isEmpty()) {
      throw new MalformedException("a node at byte " + f.start() + " has no op_type");
    }
    return new Node(f, name, opType, domain.equals("ai.onnx") ? "" : domain, List.copyOf(inputs),
        List.copyOf(outputs), List.copyOf(attributes));
  }

  private static Attribute readAttribute(ByteBuffer buf, Field f) throws MalformedException {
    String name = "";
    int type = 0;
    long i = 0;
    for (Field part : f.fields(buf)) {
      if (part.isMessage(ATTR_NAME)) {
        name = part.string(buf);
      } else if (part.number() == ATTR_TYPE && part.wireType() == Wire.VARINT) {
        type = (int) part.varint(buf);
      } else if (part.number() == ATTR_I && part.wireType() == Wire.VARINT) {
        i = part.varint(buf);
      }
    }
    return new Attribute(f, name, type, i);
  }

  private static ValueInfo readValueInfo(ByteBuffer buf, Field f) throws MalformedException {
    return new ValueInfo(f, stringField(buf, f, VALUE_INFO_NAME));
  }

  /** The last occurrence of a string field in a message, or {@code ""}. */
  private static String stringField(ByteBuffer buf, Field message, int number) throws MalformedException {
    String value = "";
    for (Field part : message.fields(buf)) {
      if (part.number() == number) {
        value = part.string(buf);
      }
    }
    return value;
  }
}
