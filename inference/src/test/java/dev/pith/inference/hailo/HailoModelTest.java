package dev.pith.inference.hailo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.TestModels;
import dev.pith.inference.models.Catalog;
import dev.pith.inference.models.ModelException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model names across hailo-ollama versions, and what {@code --model} may name, on the real catalog. */
class HailoModelTest {
  private static final Path CATALOG = Path.of("..", "assets", "models.json");

  @TempDir Path models;

  private static Catalog catalog() throws Exception {
    try (InputStream in = Files.newInputStream(CATALOG)) {
      return Catalog.parse(in, "assets/models.json");
    }
  }

  @Test
  void theDeepSeekDistillIsPulledUnderTheNameOfTheServersVersion() throws Exception {
    HailoModel deepseek = HailoModel.resolve(catalog(), "deepseek-r1-distill-qwen-1.5b-hailo");
    assertEquals("deepseek_r1_distill_qwen:1.5b", deepseek.toPull("5.1.1"));
    assertEquals("deepseek_r1_distill_qwen:1.5b", deepseek.toPull("5.2.0"));
    assertEquals("deepseek_r1:1.5b", deepseek.toPull("5.3.0"));
    assertEquals("deepseek_r1:1.5b", deepseek.toPull("5.4.1"));
    assertEquals("deepseek_r1:1.5b", deepseek.toPull("5.10"));
    HailoModel qwen = HailoModel.resolve(catalog(), "qwen2.5-1.5b-instruct-hailo");
    assertEquals("qwen2.5-instruct:1.5b", qwen.toPull("5.1.1"));
    assertEquals("qwen2.5-instruct:1.5b", qwen.toPull("5.4.0"));
  }

  @Test
  void theNameTheServerListsIsUsed() throws Exception {
    HailoModel deepseek = HailoModel.resolve(catalog(), "deepseek-r1-distill-qwen-1.5b-hailo");
    assertEquals(Optional.of("deepseek_r1:1.5b"), deepseek.listedIn(List.of("qwen2.5-instruct:1.5b",
        "deepseek_r1:1.5b")));
    assertEquals(Optional.empty(), deepseek.listedIn(List.of("qwen2.5-instruct:1.5b")));
  }

  @Test
  void modelTakesACatalogIdAnyOfItsServerNamesOrABareServerName() throws Exception {
    Catalog catalog = catalog();
    assertEquals(new HailoModel("qwen2.5-1.5b-instruct-hailo", List.of("qwen2.5-instruct:1.5b"), "qwen2.5"),
        HailoModel.resolve(catalog, "qwen2.5-1.5b-instruct-hailo"));
    assertEquals("deepseek-r1-distill-qwen-1.5b-hailo", HailoModel.resolve(catalog, "deepseek_r1:1.5b").label(),
        "the new name finds the catalog model, and with it the old name for older servers");
    assertEquals(HailoModel.named("llama3.2:3b"), HailoModel.resolve(catalog, "llama3.2:3b"));
    ModelException cpu = assertThrows(ModelException.class,
        () -> HailoModel.resolve(catalog, "qwen2.5-1.5b-instruct-int4-cpu"));
    assertEquals("qwen2.5-1.5b-instruct-int4-cpu is a CPU model; on the NPU use one of qwen2.5-1.5b-instruct-hailo,"
        + " deepseek-r1-distill-qwen-1.5b-hailo, or a model name hailo-ollama lists", cpu.getMessage());
  }

  @Test
  void theInstalledCpuTwinLendsItsTokenizer() throws Exception {
    Catalog catalog = catalog();
    HailoModel qwen = HailoModel.resolve(catalog, "qwen2.5-1.5b-instruct-hailo");
    assertEquals(Optional.empty(), qwen.tokenizerFolder(catalog, models));
    Path twin = TestModels.copyFolder(TestModels.OPTIMUM,
        models.resolve("qwen2.5-1.5b-instruct-int4-cpu"));
    assertEquals(Optional.of(twin), qwen.tokenizerFolder(catalog, models));
    assertEquals(Optional.empty(), HailoModel.resolve(catalog, "deepseek-r1-distill-qwen-1.5b-hailo")
        .tokenizerFolder(catalog, models));
    assertEquals(Optional.empty(), HailoModel.named("llama3.2:3b").tokenizerFolder(catalog, models));
  }

  @Test
  void aCpuModelsTwinIsTheNpuModelOfItsFamily() throws Exception {
    Catalog catalog = catalog();
    assertEquals("qwen2.5-1.5b-instruct-hailo",
        HailoModel.twinOf(catalog, "qwen2.5-1.5b-instruct-int4-cpu").orElseThrow().label());
    assertEquals("deepseek-r1-distill-qwen-1.5b-hailo",
        HailoModel.twinOf(catalog, "deepseek-r1-distill-qwen-1.5b-int4-cpu").orElseThrow().label());
    assertTrue(HailoModel.twinOf(catalog, "my-own-folder").isEmpty(), "a folder the catalog does not know");
    assertTrue(HailoModel.twinOf(catalog, "qwen2.5-1.5b-instruct-hailo").isEmpty(), "an NPU model has no twin");
  }

  @Test
  void versionsCompareNumberByNumber() {
    assertTrue(HailoModel.compareVersions("5.10.0", "5.9") > 0);
    assertTrue(HailoModel.compareVersions("v5.3.0-rc1", "5.3") == 0);
    assertTrue(HailoModel.compareVersions("5.2.9", "5.3") < 0);
  }
}
