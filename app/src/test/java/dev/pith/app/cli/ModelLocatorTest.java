package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocatorTest {
  @TempDir Path home;

  private DataDir dataDir() {
    return DataDir.resolve(home.resolve("data"), Map.of(), home);
  }

  @Test
  void existingFolderIsUsedAsItIs() throws Exception {
    Path model = Files.createDirectory(home.resolve("my-model"));
    assertEquals(model, ModelLocator.locate(model.toString(), dataDir()));
  }

  @Test
  void idIsLookedUpUnderTheModelsFolder() throws Exception {
    Path model = TestContexts.modelFolder(home.resolve("data/models/qwen2.5-1.5b"));
    assertEquals(model, ModelLocator.locate("qwen2.5-1.5b", dataDir()));
  }

  @Test
  void missingModelNamesBothPlacesLookedAt() {
    CliException e = assertThrows(CliException.class, () -> ModelLocator.locate("qwen", dataDir()));
    assertTrue(e.getMessage().contains(Path.of("qwen").toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(home.resolve("data/models/qwen").toString()), e.getMessage());
  }

  @Test
  void missingPathIsNotAlsoLookedUpAsAnId() {
    Path missing = home.resolve("nowhere/model");
    CliException e = assertThrows(CliException.class, () -> ModelLocator.locate(missing.toString(), dataDir()));
    assertEquals("model folder " + missing + " does not exist", e.getMessage());
  }

  @Test
  void emptyModelValueIsRejectedRatherThanMeaningTheCurrentFolder() {
    assertThrows(CliException.class, () -> ModelLocator.locate("", dataDir()));
  }

  @Test
  void theOnlyModelFolderIsUsedWhenNoneIsNamed() throws Exception {
    Path model = TestContexts.modelFolder(home.resolve("data/models/qwen2.5-1.5b"));
    assertEquals(model, ModelLocator.only(dataDir()));
  }

  @Test
  void noModelFolderSaysToPassModel() {
    CliException e = assertThrows(CliException.class, () -> ModelLocator.only(dataDir()));
    assertTrue(e.getMessage().contains("pass --model DIR|ID"), e.getMessage());
    assertTrue(e.getMessage().contains(home.resolve("data/models").toString()), e.getMessage());
  }

  @Test
  void severalModelFoldersAreNamedSoTheUserCanChoose() throws Exception {
    TestContexts.modelFolder(home.resolve("data/models/b-model"));
    TestContexts.modelFolder(home.resolve("data/models/a-model"));
    CliException e = assertThrows(CliException.class, () -> ModelLocator.only(dataDir()));
    assertTrue(e.getMessage().contains("(a-model, b-model); pass --model ID"), e.getMessage());
  }

  @Test
  void anIncompleteFolderUnderTheModelsFolderIsRefusedWithItsReason() throws Exception {
    Path empty = Files.createDirectories(home.resolve("data/models/half"));
    CliException e = assertThrows(CliException.class, () -> ModelLocator.locate("half", dataDir()));
    assertTrue(e.getMessage().startsWith("model 'half' in " + empty + " is incomplete ("), e.getMessage());
  }

  @Test
  void downloadsInProgressAndIncompleteFoldersAreNotTheOnlyModel() throws Exception {
    TestContexts.modelFolder(home.resolve("data/models/.partial/qwen"));
    Files.createDirectories(home.resolve("data/models/half"));
    Path model = TestContexts.modelFolder(home.resolve("data/models/tiny"));

    assertEquals(model, ModelLocator.only(dataDir()));
    assertEquals(java.util.Optional.of(model), ModelLocator.single(dataDir()));
  }

  @Test
  void theDefaultModelWinsOverSeveralAndAMissingDefaultFallsBackToTheOnlyOne() throws Exception {
    Path qwen = TestContexts.modelFolder(home.resolve("data/models/qwen"));
    Path tiny = TestContexts.modelFolder(home.resolve("data/models/tiny"));

    assertEquals(java.util.Optional.of(tiny), ModelLocator.preferred(dataDir(), java.util.Optional.of("tiny")));
    assertEquals(java.util.Optional.empty(), ModelLocator.preferred(dataDir(), java.util.Optional.empty()),
        "two models and no default: none is chosen");

    Files.delete(tiny.resolve("model.onnx"));
    Files.delete(tiny.resolve("genai_config.json"));
    Files.delete(tiny);
    assertEquals(java.util.Optional.of(qwen), ModelLocator.preferred(dataDir(), java.util.Optional.of("tiny")),
        "a default that is gone gives way to the only model");
  }
}
