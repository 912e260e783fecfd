package dev.pith.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.ModelLoadException;
import dev.pith.inference.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broken model folder is one clear line, and the JVM lives on. */
class BadModelTest {
  @TempDir Path tmp;

  private Path copyOf(Path model) throws IOException {
    return TestModels.copyFolder(model, tmp.resolve(model.getFileName()));
  }

  private static String loadError(Path dir) {
    ModelLoadException e = assertThrows(ModelLoadException.class,
        () -> CpuBackend.load(dir, CpuBackendOptions.defaults()).close());
    assertFalse(e.getMessage().contains("\n"), () -> "not one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void emptyFolder() {
    assertEquals(tmp + " is empty: a model folder needs genai_config.json (onnxruntime-genai) or config.json"
        + " and onnx/model*.onnx (Optimum)", loadError(tmp));
  }

  @Test
  void missingFolder() {
    assertEquals(tmp.resolve("nope") + " is not a folder", loadError(tmp.resolve("nope")));
  }

  @Test
  void missingTokenizer() throws IOException {
    Path dir = copyOf(TestModels.GENAI);
    Files.delete(dir.resolve("tokenizer.json"));
    assertEquals(dir + ": tokenizer.json is missing", loadError(dir));
  }

  @Test
  void modelFileThatIsNotOnnx() throws IOException {
    Path dir = copyOf(TestModels.GENAI);
    Files.writeString(dir.resolve("model.onnx"), "<html>404 Not Found</html>");
    String message = loadError(dir);
    assertTrue(message.startsWith(dir.resolve("model.onnx") + " cannot be loaded by ONNX Runtime: "), message);
  }

  @Test
  void truncatedExternalWeights() throws IOException {
    Path dir = copyOf(TestModels.GENAI);
    Path data = dir.resolve("model.onnx.data");
    long size = Files.size(data);
    try (var channel = Files.newByteChannel(data, StandardOpenOption.WRITE)) {
      channel.truncate(size / 2);
    }
    String message = loadError(dir);
    assertTrue(message.startsWith(dir.resolve("model.onnx") + " cannot be loaded by ONNX Runtime: "), message);
  }

  @Test
  void missingExternalWeights() throws IOException {
    Path dir = copyOf(TestModels.GENAI);
    Files.delete(dir.resolve("model.onnx.data"));
    String message = loadError(dir);
    assertTrue(message.startsWith(dir.resolve("model.onnx") + " cannot be loaded by ONNX Runtime: "), message);
  }

  @Test
  void genaiConfigThatIsNotJson() throws IOException {
    Path dir = copyOf(TestModels.GENAI);
    Files.writeString(dir.resolve("genai_config.json"), "{\"model\": ");
    assertTrue(loadError(dir).startsWith(dir.resolve("genai_config.json") + " is not valid JSON"));
  }

  @Test
  void optimumFolderWithoutOnnxFile() throws IOException {
    Path dir = copyOf(TestModels.OPTIMUM);
    Files.delete(dir.resolve("onnx").resolve("model_q4.onnx"));
    assertTrue(loadError(dir).startsWith(dir + " has config.json but no ONNX model"));
  }

  @Test
  void unexpectedInputNames() {
    Path dir = TestModels.ROOT.resolve("bad-input-names");
    String message = loadError(dir);
    assertTrue(message.contains("has an input 'token_type_ids' Pith cannot feed"), message);
  }

  @Test
  void layerCountThatDisagreesWithTheConfig() throws IOException {
    Path dir = copyOf(TestModels.OPTIMUM);
    Path config = dir.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 28"));
    assertEquals(dir.resolve("onnx").resolve("model_q4.onnx") + " has 2 layers of KV inputs but the config says 28",
        loadError(dir));
  }
}
