package dev.pith.inference.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.OneLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inputs and outputs of a decoder graph, read from the session: names, element types, layer
 * count, KV heads and head size. Nothing here is assumed from a particular model.
 *
 * @param inputIds name of the token ids input
 * @param idsType INT64 or INT32
 * @param attentionMask name of the attention mask input, or null when the graph has none
 * @param maskType INT64 or INT32
 * @param positionIds name of the position ids input, or null (GroupQueryAttention graphs)
 * @param positionsType INT64 or INT32
 * @param pastKeys per layer, the past key input name
 * @param pastValues per layer, the past value input name
 * @param presentKeys per layer, the present key output name
 * @param presentValues per layer, the present value output name
 * @param kvType FLOAT or FLOAT16
 * @param kvHeads key/value heads (dimension 1 of a past tensor)
 * @param headSize dimension 3 of a past tensor
 * @param logits name of the logits output
 * @param logitsType FLOAT or FLOAT16
 * @param vocabSize last dimension of logits
 * @param lastTokenLogits true when the graph computes logits for the last position only ({@code [batch, 1,
 *     vocab]}, as Pith's optimizer rewrites it), false when it computes them for every fed position
 */
public record DecoderSignature(
    String inputIds,
    OnnxJavaType idsType,
    String attentionMask,
    OnnxJavaType maskType,
    String positionIds,
    OnnxJavaType positionsType,
    List<String> pastKeys,
    List<String> pastValues,
    List<String> presentKeys,
    List<String> presentValues,
    OnnxJavaType kvType,
    int kvHeads,
    int headSize,
    String logits,
    OnnxJavaType logitsType,
    int vocabSize,
    boolean lastTokenLogits) {

  private static final Pattern PAST = Pattern.compile("^(past_key_values|past)\\.(\\d+)\\.(key|value)$");

  public int layers() {
    return pastKeys.size();
  }

  /**
   * Reads and checks the signature.
   *
   * @throws ModelLoadException naming the input or output Pith does not understand
   */
  static DecoderSignature read(OrtSession session, ModelFolder folder) throws ModelLoadException {
    String file = folder.onnxFile().toString();
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      TreeMap<Integer, String> keys = new TreeMap<>();
      TreeMap<Integer, String> values = new TreeMap<>();
      String ids = null;
      String mask = null;
      String positions = null;
      for (String name : inputs.keySet()) {
        Matcher m = PAST.matcher(name);
        if (m.matches()) {
          (m.group(3).equals("key") ? keys : values).put(Integer.parseInt(m.group(2)), name);
        } else if (name.equals("input_ids")) {
          ids = name;
        } else if (name.equals("attention_mask")) {
          mask = name;
        } else if (name.equals("position_ids")) {
          positions = name;
        } else {
          throw new ModelLoadException(file + " has an input '" + name + "' Pith cannot feed (it feeds input_ids,"
              + " attention_mask, position_ids and past_key_values.N.key/value)");
        }
      }
      if (ids == null) {
        throw new ModelLoadException(file + " has no 'input_ids' input; inputs are " + inputs.keySet());
      }
      if (keys.isEmpty() || !keys.keySet().equals(values.keySet())
          || keys.lastKey() != keys.size() - 1) {
        throw new ModelLoadException(file + " has no complete set of past_key_values.N.key/value inputs"
            + " (a decoder with a KV cache is required); inputs are " + inputs.keySet());
      }
      int layers = keys.size();
      if (folder.configLayers() > 0 && folder.configLayers() != layers) {
        throw new ModelLoadException(file + " has " + layers + " layers of KV inputs but the config says "
            + folder.configLayers());
      }
      List<String> pastKeys = new ArrayList<>(keys.values());
      List<String> pastValues = new ArrayList<>(values.values());
      List<String> presentKeys = presentNames(pastKeys, folder.presentKeyTemplate(), outputs, file);
      List<String> presentValues = presentNames(pastValues, folder.presentValueTemplate(), outputs, file);
      TensorInfo past = tensor(inputs.get(pastKeys.get(0)), pastKeys.get(0), file);
      long[] shape = past.getShape();
      if (shape.length != 4 || shape[1] <= 0 || shape[3] <= 0) {
        throw new ModelLoadException(file + ": " + pastKeys.get(0) + " must be [batch, kv_heads, seq, head_size]"
            + " with fixed kv_heads and head_size, got " + java.util.Arrays.toString(shape));
      }
      OnnxJavaType kvType = floatType(past, pastKeys.get(0), file);
      if (!outputs.containsKey("logits")) {
        throw new ModelLoadException(file + " has no 'logits' output; outputs are " + outputs.keySet());
      }
      TensorInfo logitsInfo = tensor(outputs.get("logits"), "logits", file);
      long[] logitsShape = logitsInfo.getShape();
      int vocab = (int) logitsShape[logitsShape.length - 1];
      OnnxJavaType idsType = integerType(inputs, ids, file);
      OnnxJavaType maskType = mask == null ? OnnxJavaType.INT64 : integerType(inputs, mask, file);
      OnnxJavaType positionsType = positions == null ? OnnxJavaType.INT64 : integerType(inputs, positions, file);
      return new DecoderSignature(ids, idsType, mask, maskType, positions, positionsType, List.copyOf(pastKeys),
          List.copyOf(pastValues), presentKeys, presentValues, kvType, (int) shape[1], (int) shape[3],
          "logits", floatType(logitsInfo, "logits", file), vocab, logitsShape.length == 3 && logitsShape[1] == 1);
    } catch (OrtException e) {
      throw new ModelLoadException(file + ": cannot read its inputs and outputs: "
          + OneLine.of(e.getMessage()), e);
    }
  }

  private static List<String> presentNames(List<String> pasts, String template, Map<String, NodeInfo> outputs,
      String file) throws ModelLoadException {
    List<String> names = new ArrayList<>(pasts.size());
    for (int layer = 0; layer < pasts.size(); layer++) {
      String past = pasts.get(layer);
      String name = template != null
          ? String.format(java.util.Locale.ROOT, template, layer)
          : past.replaceFirst("^(past_key_values|past)", "present");
      if (!outputs.containsKey(name)) {
        throw new ModelLoadException(file + " has input '" + past + "' but no matching output '" + name + "'");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  private static TensorInfo tensor(NodeInfo node, String name, String file) throws ModelLoadException {
    if (node == null || !(node.getInfo() instanceof TensorInfo)) {
      throw new ModelLoadException(file + ": '" + name + "' is not a tensor");
    }
    return (TensorInfo) node.getInfo();
  }

  private static OnnxJavaType integerType(Map<String, NodeInfo> inputs, String name, String file)
      throws ModelLoadException {
    OnnxJavaType type = tensor(inputs.get(name), name, file).type;
    if (type != OnnxJavaType.INT64 && type != OnnxJavaType.INT32) {
      throw new ModelLoadException(file + ": '" + name + "' must be int64 or int32, got " + type);
    }
    return type;
  }

  private static OnnxJavaType floatType(TensorInfo info, String name, String file) throws ModelLoadException {
    if (info.type != OnnxJavaType.FLOAT && info.type != OnnxJavaType.FLOAT16) {
      throw new ModelLoadException(file + ": '" + name + "' must be float32 or float16, got " + info.type);
    }
    return info.type;
  }
}
