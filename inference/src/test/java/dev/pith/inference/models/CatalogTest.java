package dev.pith.inference.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {
  private static final URI HUB = URI.create("https://huggingface.co");

  private static Catalog parse(String json) throws ModelException {
    return Catalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  /** A valid one-model catalog with {@code fragment} spliced into the model object. */
  private static String model(String fragment) {
    return "{\"schema\":1,\"models\":[{\"id\":\"m\",\"name\":\"M\",\"backend\":\"cpu\",\"license\":\"MIT\","
        + "\"context_length\":4096,\"source\":{\"repo\":\"org/m\"},\"files\":[{\"path\":\"model.onnx\"}]"
        + fragment + "}]}";
  }

  @Test
  void theBuiltInCatalogIsValidAndHasBothFamiliesForBothBackends() throws Exception {
    Catalog catalog = Catalog.read(Path.of("..", "assets", "models.json"));

    List<String> ids = catalog.models().stream().map(CatalogEntry::id).collect(Collectors.toList());
    assertEquals(List.of("qwen2.5-1.5b-instruct-int4-cpu", "deepseek-r1-distill-qwen-1.5b-int4-cpu",
        "qwen2.5-1.5b-instruct-hailo", "deepseek-r1-distill-qwen-1.5b-hailo"), ids);
    CatalogEntry deepseek = catalog.require("deepseek-r1-distill-qwen-1.5b-int4-cpu");
    assertEquals(URI.create("https://huggingface.co/onnxruntime/DeepSeek-R1-Distill-ONNX/resolve/main/"
        + "deepseek-r1-distill-qwen-1.5B/cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4/model.onnx.data"),
        deepseek.urlOf(deepseek.files().get(2), HUB));
    assertEquals(List.of("deepseek_r1_distill_qwen:1.5b", "deepseek_r1:1.5b"),
        catalog.require("deepseek-r1-distill-qwen-1.5b-hailo").hailoNames());
    assertTrue(catalog.models().stream().allMatch(m -> m.notes() != null && !m.notes().isBlank()),
        "every entry says what is not pinned");
  }

  @Test
  void urlsComeFromTheFileTheBaseUrlOrTheHubLayout() throws Exception {
    String rev = "a".repeat(40);
    Catalog catalog = parse("{\"schema\":1,\"models\":["
        + "{\"id\":\"a\",\"name\":\"A\",\"backend\":\"cpu\",\"license\":\"MIT\",\"context_length\":1,"
        + "\"source\":{\"repo\":\"org/a\",\"revision\":\"" + rev + "\"},"
        + "\"files\":[{\"path\":\"onnx/model q4.onnx\"},{\"path\":\"x.json\",\"url\":\"http://127.0.0.1:9/x\"}]},"
        + "{\"id\":\"b\",\"name\":\"B\",\"backend\":\"cpu\",\"license\":\"MIT\",\"context_length\":1,"
        + "\"source\":{\"base_url\":\"http://mirror.local/models/b\"},\"files\":[{\"path\":\"onnx/m.onnx\"}]}]}");

    CatalogEntry a = catalog.require("a");
    assertEquals(URI.create("http://127.0.0.1:8000/org/a/resolve/" + rev + "/onnx/model%20q4.onnx"),
        a.urlOf(a.files().get(0), URI.create("http://127.0.0.1:8000")));
    assertEquals(URI.create("http://127.0.0.1:9/x"), a.urlOf(a.files().get(1), HUB));
    CatalogEntry b = catalog.require("b");
    assertEquals(URI.create("http://mirror.local/models/b/onnx/m.onnx"), b.urlOf(b.files().get(0), HUB));
    assertEquals(-1, b.totalSize());
    assertNull(b.files().get(0).sha256());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      ",\"files\":[{\"path\":\"../evil\"}]"
          + " | models[0] (m).files[0].path '../evil' must not have empty, '.' or '..' parts",
      ",\"files\":[{\"path\":\"/etc/x\"}]"
          + " | models[0] (m).files[0].path '/etc/x' must be a relative path with '/' separators",
      ",\"files\":[{\"path\":\"a\",\"sha256\":\"xyz\"}]"
          + " | models[0] (m).files[0].sha256 must be 64 lower-case hex digits or null, got 'xyz'",
      ",\"files\":[{\"path\":\"a\",\"size\":-3}] | models[0] (m).files[0].size must be a byte count >= 0 or null",
      ",\"files\":[{\"path\":\"a\"},{\"path\":\"a\"}] | models[0] (m).files[1].path 'a' appears twice",
      ",\"files\":[{\"path\":\"a\",\"url\":\"ftp://x/a\"}]"
          + " | models[0] (m).files[0].url must be an absolute http(s) URL, got 'ftp://x/a'",
      ",\"files\":[] | models[0] (m).files a cpu model needs at least one file",
      ",\"backend\":\"gpu\" | models[0] (m).backend must be cpu or hailo, got 'gpu'",
      ",\"context_length\":0 | models[0] (m).context_length must be a positive integer",
      ",\"source\":{\"repo\":\"org/m\",\"revision\":\"main\"}"
          + " | models[0] (m).source.revision must be a full 40-hex commit id or null, got 'main'",
      ",\"source\":{\"repo\":\"no-slash\"} | models[0] (m).source.repo must be owner/name, got 'no-slash'",
      ",\"sampling\":{\"temperature\":\"hot\"} | models[0] (m).sampling.temperature must be a number >= 0",
      ",\"name\":\"\" | models[0] (m).name is required (a non-empty string)",
      ",\"id\":\".hidden\""
          + " | models[0].id '.hidden' must be letters, digits, '.', '_' or '-', starting with a letter or digit",
  })
  void aWrongFieldIsOneLineNamingTheEntryAndField(String fragment, String message) {
    ModelException e = assertThrows(ModelException.class, () -> parse(model(fragment)));
    assertEquals("catalog test.json: " + message, e.getMessage());
  }

  @Test
  void hailoModelsNeedNamesAndNoFiles() {
    String hailo = "{\"schema\":1,\"models\":[{\"id\":\"h\",\"name\":\"H\",\"backend\":\"hailo\",\"license\":\"MIT\","
        + "\"context_length\":2048%s}]}";
    ModelException noNames = assertThrows(ModelException.class, () -> parse(String.format(hailo, "")));
    assertEquals("catalog test.json: models[0] (h).hailo_names a hailo model needs its hailo-ollama name(s)",
        noNames.getMessage());
    ModelException files = assertThrows(ModelException.class,
        () -> parse(String.format(hailo, ",\"hailo_names\":[\"x:1b\"],\"files\":[{\"path\":\"a\"}]")));
    assertTrue(files.getMessage().endsWith("files a hailo model has no files (hailo-ollama pulls it)"));
  }

  @Test
  void newerSchemaDuplicateIdsAndBrokenJsonAreRefused() {
    assertEquals("catalog test.json has schema 2, newer than this Pith understands (1)",
        assertThrows(ModelException.class, () -> parse("{\"schema\":2,\"models\":[]}")).getMessage());
    String one = "{\"id\":\"m\",\"name\":\"M\",\"backend\":\"hailo\",\"license\":\"MIT\",\"context_length\":1,"
        + "\"hailo_names\":[\"m:1b\"]}";
    String two = "{\"schema\":1,\"models\":[" + one + "," + one + "]}";
    assertEquals("catalog test.json: models[1] (m).id 'm' appears twice in the catalog",
        assertThrows(ModelException.class, () -> parse(two)).getMessage());
    ModelException broken = assertThrows(ModelException.class, () -> parse("{\"schema\":1,"));
    assertTrue(broken.getMessage().startsWith("catalog test.json is not valid JSON: "), broken.getMessage());
    assertFalse(broken.getMessage().contains("\n"));
  }

  @Test
  void unknownIdListsTheKnownOnes() throws Exception {
    ModelException e = assertThrows(ModelException.class, () -> parse(model("")).require("x"));
    assertEquals("no model 'x' in the catalog test.json (it has: m)", e.getMessage());
  }

  @Test
  void missingCatalogFileIsOneLine() {
    ModelException e = assertThrows(ModelException.class, () -> Catalog.read(Path.of("no-such-catalog.json")));
    assertEquals("catalog no-such-catalog.json does not exist", e.getMessage());
  }
}
