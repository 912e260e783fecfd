package dev.pith.inference.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The models folder: what is listed and loadable, imports (validated on the real CPU backend), verify, remove. */
class ModelStoreTest {
  @TempDir Path home;

  private Path models() {
    return home.resolve("models");
  }

  private ModelStore store() {
    return new ModelStore(models(), ModelPullTest.fast(new HubAccess(HubAccess.DEFAULT_ENDPOINT, null,
        ProxySelector.of(null))));
  }

  /** A copy of the tiny model's files in {@code dir}. */
  private static Path tinyCopy(Path dir) throws Exception {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> file : TinyModel.contents().entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue());
    }
    return dir;
  }

  private static List<String> tree(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.map(p -> dir.relativize(p) + ":" + (Files.isRegularFile(p) ? p.toFile().length() : "dir")).sorted()
          .collect(Collectors.toList());
    }
  }

  private ModelException importFails(Path source) {
    ModelException e = assertThrows(ModelException.class, () -> store().importFolder(source, "bad"));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().startsWith("cannot import " + source + ": "), e.getMessage());
    assertEquals(List.of(), store().installed());
    assertFalse(Files.exists(models().resolve("bad")));
    return e;
  }

  @Test
  void importValidatesCopiesAndInstallsWithAManifestLeavingTheSourceAsItWas() throws Exception {
    Path source = tinyCopy(home.resolve("my model"));
    Files.writeString(source.resolve("model.pith.onnx"), "Pith's own optimized graph: not copied");
    Files.writeString(source.resolve(".DS_Store"), "hidden: not copied");
    List<String> before = tree(source);

    InstalledModel model = store().importFolder(source, ModelStore.idFor(source));

    assertEquals("my-model", model.id());
    assertEquals(before, tree(source), "validation does not write into the source folder");
    Manifest manifest = model.manifest().orElseThrow();
    assertEquals(Manifest.IMPORT, manifest.origin());
    assertEquals(source.toString(), manifest.importedFrom());
    assertEquals(TinyModel.FILES.stream().sorted().collect(Collectors.toList()),
        manifest.files().stream().map(ManifestFile::path).collect(Collectors.toList()));
    assertFalse(Files.exists(model.dir().resolve("model.pith.onnx")));
    assertEquals(List.of(), store().verify("my-model"));
    assertEquals(List.of("my-model"),
        store().installed().stream().map(InstalledModel::id).collect(Collectors.toList()));
  }

  @Test
  void importRefusesABrokenTokenizer() throws Exception {
    Path source = tinyCopy(home.resolve("src"));
    Files.writeString(source.resolve("tokenizer.json"), "{not json");

    ModelException e = importFails(source);

    assertTrue(e.getMessage().contains(source.resolve("tokenizer.json") + " is not valid JSON"), e.getMessage());
  }

  @Test
  void importRefusesAFolderWithoutItsOnnxGraph() throws Exception {
    Path source = tinyCopy(home.resolve("src"));
    Files.delete(source.resolve("model.onnx"));

    ModelException e = importFails(source);

    assertEquals("cannot import " + source + ": " + source + ": model.onnx is missing (named in genai_config.json)",
        e.getMessage());
  }

  @Test
  void importRefusesACorruptOnnxGraph() throws Exception {
    Path source = tinyCopy(home.resolve("src"));
    Files.write(source.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

    ModelException e = importFails(source);

    assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
  }

  @Test
  void importRefusesATakenOrInvalidId() throws Exception {
    Path source = tinyCopy(home.resolve("src"));
    store().importFolder(source, "mine");

    assertEquals("a model 'mine' is already installed in " + models().resolve("mine")
        + "; choose another id with --id, or remove it first",
        assertThrows(ModelException.class, () -> store().importFolder(source, "mine")).getMessage());
    assertTrue(assertThrows(ModelException.class, () -> store().importFolder(source, "../up")).getMessage()
        .startsWith("'../up' cannot be a model id"));
  }

  @Test
  void stagingAndIncompleteFoldersAreNeverListedNorFound() throws Exception {
    tinyCopy(models().resolve(".partial/half"));
    tinyCopy(models().resolve("by-hand"));
    Files.createDirectories(models().resolve("empty"));
    store().importFolder(tinyCopy(home.resolve("src")), "mine");

    assertEquals(List.of("by-hand", "mine"),
        store().installed().stream().map(InstalledModel::id).collect(Collectors.toList()));
    assertEquals("folder", store().find("by-hand").orElseThrow().origin());
    assertTrue(store().find(".partial").isEmpty());
    assertTrue(store().find(".partial/half").isEmpty());
    assertTrue(store().find("empty").isEmpty());
    ModelException e = assertThrows(ModelException.class, () -> store().require("empty"));
    assertTrue(e.getMessage().startsWith("model 'empty' in " + models().resolve("empty") + " is incomplete ("),
        e.getMessage());
    assertEquals("model 'nothing' is not installed in " + models(),
        assertThrows(ModelException.class, () -> store().require("nothing")).getMessage());
  }

  @Test
  void aManifestWhoseFileIsGoneMakesTheModelIncomplete() throws Exception {
    InstalledModel model = store().importFolder(tinyCopy(home.resolve("src")), "mine");
    Files.delete(model.dir().resolve("model.onnx.data"));

    assertTrue(store().find("mine").isEmpty());
    assertTrue(assertThrows(ModelException.class, () -> store().require("mine")).getMessage()
        .contains("(model.onnx.data is missing)"));
  }

  @Test
  void verifyNamesEachChangedFile() throws Exception {
    InstalledModel model = store().importFolder(tinyCopy(home.resolve("src")), "mine");
    byte[] config = Files.readAllBytes(model.dir().resolve("tokenizer_config.json"));
    config[config.length - 2] ^= 1;
    Files.write(model.dir().resolve("tokenizer_config.json"), config);
    Files.write(model.dir().resolve("genai_config.json"), new byte[3]);

    List<String> problems = store().verify("mine");

    assertEquals(2, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("genai_config.json: 3 bytes, expected "), problems.get(0));
    assertTrue(problems.get(1).startsWith("tokenizer_config.json: SHA-256 is "), problems.get(1));
    assertTrue(problems.get(1).endsWith(", expected " + TinyModel.sha256(TinyModel.contents()
        .get("tokenizer_config.json"))), problems.get(1));
  }

  @Test
  void verifyOfAFolderWithoutManifestSaysThereIsNothingToCheck() throws Exception {
    tinyCopy(models().resolve("by-hand"));
    ModelException e = assertThrows(ModelException.class, () -> store().verify("by-hand"));
    assertTrue(e.getMessage().endsWith("there is nothing to verify it against"), e.getMessage());
  }

  @Test
  void removeTakesTheModelAndWhatAPullLeft() throws Exception {
    store().importFolder(tinyCopy(home.resolve("src")), "mine");
    tinyCopy(models().resolve(".partial/mine"));

    store().remove("mine");

    assertEquals(List.of(), store().installed());
    assertFalse(Files.exists(models().resolve("mine")));
    assertFalse(Files.exists(models().resolve(".partial/mine")));
    assertEquals("model 'mine' is not installed in " + models(),
        assertThrows(ModelException.class, () -> store().remove("mine")).getMessage());
  }

  @Test
  void diskUseCountsInstalledAndPartialBytes() throws Exception {
    store().importFolder(tinyCopy(home.resolve("src")), "mine");
    Files.createDirectories(models().resolve(".partial/other"));
    Files.write(models().resolve(".partial/other/model.onnx.data.part"), new byte[1000]);

    ModelStore.DiskUse use = store().diskUse();

    assertTrue(use.installedBytes() >= TinyModel.totalSize(), use::toString);
    assertEquals(1000, use.partialBytes());
    assertTrue(use.freeBytes() > 0);
    assertEquals(1000, store().partialBytes("other"));
  }
}
