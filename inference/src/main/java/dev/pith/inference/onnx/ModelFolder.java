package dev.pith.inference.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a model folder holds, read from its config files before ONNX Runtime sees it: the layout, the
 * ONNX file to load, and the facts the configs state (context length, EOS ids, dimensions to cross-check
 * against the graph).
 *
 * @param dir the folder
 * @param layout genai or optimum
 * @param onnxFile the decoder graph
 * @param contextLength the most tokens the model handles (genai {@code context_length}, HF
 *     {@code max_position_embeddings})
 * @param eosIds every end-of-sequence id the configs name
 * @param configLayers the layer count the config states, or 0 when it states none
 * @param pastKeyTemplate e.g. {@code past_key_values.%d.key} when the config names it, else null
 * @param pastValueTemplate likewise for values
 * @param presentKeyTemplate likewise for outputs
 * @param presentValueTemplate likewise for outputs
 */
public record ModelFolder(
    Path dir,
    ModelLayout layout,
    Path onnxFile,
    int contextLength,
    Set<Integer> eosIds,
    int configLayers,
    String pastKeyTemplate,
    String pastValueTemplate,
    String presentKeyTemplate,
    String presentValueTemplate) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Preference order for Optimum exports on a CPU: int4 first, then int8, then full precision. */
  private static final List<String> OPTIMUM_CANDIDATES = List.of(
      "model_q4.onnx", "model_int8.onnx", "model_quantized.onnx", "model_uint8.onnx", "model.onnx",
      "model_q4f16.onnx", "model_fp16.onnx", "decoder_model_merged.onnx");

  /**
   * Inspects a folder.
   *
   * @throws ModelLoadException with one line naming what is missing or wrong
   */
  public static ModelFolder read(Path dir) throws ModelLoadException {
    if (!Files.isDirectory(dir)) {
      throw new ModelLoadException(dir + " is not a folder");
    }
    Path genai = dir.resolve("genai_config.json");
    if (Files.isRegularFile(genai)) {
      return readGenai(dir, readJson(genai));
    }
    Path config = dir.resolve("config.json");
    if (Files.isRegularFile(config)) {
      return readOptimum(dir, readJson(config));
    }
    if (isEmpty(dir)) {
      throw new ModelLoadException(dir + " is empty: a model folder needs genai_config.json (onnxruntime-genai)"
          + " or config.json and onnx/model*.onnx (Optimum)");
    }
    throw new ModelLoadException(dir + " has neither genai_config.json (onnxruntime-genai) nor config.json"
        + " (Optimum): not a model folder Pith can read");
  }

  private static ModelFolder readGenai(Path dir, JsonNode root) throws ModelLoadException {
    JsonNode model = root.path("model");
    JsonNode decoder = model.path("decoder");
    String filename = decoder.path("filename").asText("model.onnx");
    Path onnx = requireFile(dir, dir.resolve(filename));
    int context = model.path("context_length").asInt(0);
    if (context <= 0) {
      context = root.path("search").path("max_length").asInt(0);
    }
    if (context <= 0) {
      throw new ModelLoadException(dir.resolve("genai_config.json") + " states no model.context_length");
    }
    Set<Integer> eos = new LinkedHashSet<>();
    addIds(eos, model.path("eos_token_id"));
    JsonNode inputs = decoder.path("inputs");
    JsonNode outputs = decoder.path("outputs");
    return new ModelFolder(dir, ModelLayout.GENAI, onnx, context, Set.copyOf(eos),
        decoder.path("num_hidden_layers").asInt(0),
        textOrNull(inputs.path("past_key_names")), textOrNull(inputs.path("past_value_names")),
        textOrNull(outputs.path("present_key_names")), textOrNull(outputs.path("present_value_names")));
  }

  private static ModelFolder readOptimum(Path dir, JsonNode config) throws ModelLoadException {
    Path onnx = findOptimumOnnx(dir);
    int context = config.path("max_position_embeddings").asInt(0);
    if (context <= 0) {
      context = config.path("max_sequence_length").asInt(0);
    }
    if (context <= 0) {
      throw new ModelLoadException(dir.resolve("config.json") + " states no max_position_embeddings");
    }
    Set<Integer> eos = new LinkedHashSet<>();
    addIds(eos, config.path("eos_token_id"));
    Path generation = dir.resolve("generation_config.json");
    if (Files.isRegularFile(generation)) {
      addIds(eos, readJson(generation).path("eos_token_id"));
    }
    return new ModelFolder(dir, ModelLayout.OPTIMUM, onnx, context, Set.copyOf(eos),
        config.path("num_hidden_layers").asInt(0), null, null, null, null);
  }

  private static Path findOptimumOnnx(Path dir) throws ModelLoadException {
    for (Path folder : List.of(dir.resolve("onnx"), dir)) {
      for (String name : OPTIMUM_CANDIDATES) {
        Path candidate = folder.resolve(name);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new ModelLoadException(dir + " has config.json but no ONNX model (looked for onnx/model_q4.onnx,"
        + " onnx/model.onnx and the other usual names)");
  }

  private static Path requireFile(Path dir, Path file) throws ModelLoadException {
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException(dir + ": " + dir.relativize(file) + " is missing (named in genai_config.json)");
    }
    return file;
  }

  private static void addIds(Set<Integer> into, JsonNode node) {
    if (node.isInt()) {
      into.add(node.asInt());
    } else if (node.isArray()) {
      node.forEach(n -> {
        if (n.isInt()) {
          into.add(n.asInt());
        }
      });
    }
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  static JsonNode readJson(Path file) throws ModelLoadException {
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw new ModelLoadException(file + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ModelLoadException(file + " is not valid JSON: " + OneLine.of(e.getMessage()), e);
    }
  }

  private static boolean isEmpty(Path dir) throws ModelLoadException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new ModelLoadException(dir + " cannot be read: " + e.getMessage(), e);
    }
  }

}
