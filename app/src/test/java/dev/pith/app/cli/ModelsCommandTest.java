package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.inference.cpu.CpuBackend;
import dev.pith.inference.models.ByteSize;
import dev.pith.inference.onnx.optimize.ModelOptimizer;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pith models ...} against the tiny model served over real HTTP on 127.0.0.1. */
class ModelsCommandTest {
  @TempDir Path home;
  private ModelServer server;
  private Path catalog;
  private final Map<String, String> env = new HashMap<>();

  /** The tiny model's size as the command line prints it. */
  private static String tinySize() throws Exception {
    long total = 0;
    for (String name : ModelServer.FILES) {
      total += Files.size(ModelServer.TINY.resolve(name));
    }
    return ByteSize.format(total);
  }

  @BeforeEach
  void start() throws Exception {
    server = new ModelServer();
    catalog = ModelServer.writeCatalog(home.resolve("catalog.json"), "tiny", Map.of("base_url", server.base() + "/m/"));
    env.put("PITH_CATALOG", catalog.toString());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The real CPU backend, loading with only the exact graph rewrite (as TinyModelCliTest explains). */
  private CliRun run(Terminal terminal, String... args) {
    BackendLoader exact = (dir, options) ->
        CpuBackend.load(dir, options.withRewrites(EnumSet.of(ModelOptimizer.Rewrite.LAST_TOKEN_LOGITS)));
    List<String> all = new java.util.ArrayList<>(List.of("--data-dir", home.resolve("data").toString()));
    all.addAll(List.of(args));
    return CliRun.of(new CliContext(env, home, exact, terminal), all.toArray(String[]::new));
  }

  private CliRun run(String... args) {
    return run(Terminal.none(), args);
  }

  private Map<String, JsonNode> listed() {
    CliRun list = run("models", "list", "--json");
    assertEquals(0, list.exitCode(), list::toString);
    return list.jsonLines().stream().collect(Collectors.toMap(n -> n.path("id").asText(), n -> n));
  }

  @Test
  void pullThenGenerateWithTheModelsId() throws Exception {
    server.serveTiny("/m/", null);

    CliRun pull = run("models", "pull", "tiny");

    assertEquals(0, pull.exitCode(), pull::toString);
    Path dir = home.resolve("data/models/tiny");
    assertEquals("Installed tiny in " + dir + " (5 files, " + tinySize() + ", SHA-256 checked for 5 of 5 files)",
        pull.out().strip());
    assertTrue(pull.err().contains("model.onnx.data (3/5): done ("), pull::toString);
    assertTrue(Files.isRegularFile(dir.resolve("pith-model.json")));

    CliRun generate = run("generate", "--model", "tiny", "--prompt", "hi", "--max-tokens", "4");

    assertEquals(0, generate.exitCode(), generate::toString);
    assertFalse(generate.out().isBlank(), generate::toString);
    assertTrue(generate.err().contains("4 generated tokens") || generate.err().contains("stop: eos"),
        generate::toString);
  }

  @Test
  void listShowsTheCatalogAndWhatIsInstalled() throws Exception {
    server.serveTiny("/m/", null);
    assertEquals("available", listed().get("tiny").path("state").asText());
    assertEquals(0, run("models", "pull", "tiny").exitCode());

    JsonNode tiny = listed().get("tiny");
    assertEquals("installed", tiny.path("state").asText());
    assertEquals("catalog", tiny.path("origin").asText());
    assertEquals(home.resolve("data/models/tiny").toString(), tiny.path("dir").asText());

    CliRun table = run("models", "list");
    assertEquals(0, table.exitCode(), table::toString);
    assertTrue(table.outLines().get(0).startsWith("ID "), table::toString);
    assertTrue(table.outLines().stream().anyMatch(l -> l.startsWith("tiny ") && l.endsWith(" installed")),
        table::toString);
    assertTrue(table.out().contains("Models folder " + home.resolve("data/models") + ": "), table::toString);
  }

  @Test
  void aFailedPullIsOneLineAndLeavesNothingToLoad() throws Exception {
    server.serveTiny("/m/", "tokenizer.json");

    CliRun pull = run("models", "pull", "tiny");

    assertEquals(1, pull.exitCode(), pull::toString);
    String error = pull.errLines().get(pull.errLines().size() - 1);
    assertEquals("pith: tokenizer.json: not found (HTTP 404 from " + server.base() + "/m/tokenizer.json)", error);
    assertTrue(pull.errLines().stream().filter(l -> l.startsWith("pith:")).count() == 1, pull::toString);
    JsonNode tiny = listed().get("tiny");
    assertEquals("partial", tiny.path("state").asText());
    assertTrue(tiny.path("partial_bytes").asLong() > 0, tiny::toString);
    CliRun generate = run("generate", "--model", "tiny", "--prompt", "hi");
    assertEquals(1, generate.exitCode(), generate::toString);
    assertTrue(generate.err().startsWith("pith: model 'tiny' not found"), generate::toString);
    CliRun chat = run("chat");
    assertEquals(1, chat.exitCode(), chat::toString);
    assertTrue(chat.err().contains("no model given and none in"), chat::toString);
  }

  @Test
  void tokenAndMirrorComeFromTheEnvironment() throws Exception {
    String rev = "0123456789abcdef0123456789abcdef01234567";
    server.serveTiny("/org/tiny/resolve/" + rev + "/", null);
    ModelServer.writeCatalog(catalog, "tiny", Map.of("repo", "org/tiny", "revision", rev));
    env.put("PITH_HF_ENDPOINT", server.base());
    env.put("HF_TOKEN", "hf_secret");

    CliRun pull = run("models", "pull", "tiny");

    assertEquals(0, pull.exitCode(), pull::toString);
    assertEquals(5, server.requests.size());
    assertTrue(server.requests.stream().allMatch(r -> r.endsWith(" Bearer hf_secret")), server.requests::toString);
  }

  @Test
  void theTerminalGetsARedrawnProgressBar() throws Exception {
    server.serveTiny("/m/", null);

    CliRun pull = run(new Terminal(new StringReader(""), true), "models", "pull", "tiny");

    assertEquals(0, pull.exitCode(), pull::toString);
    assertTrue(pull.err().contains("\r[########################] 100%  " + tinySize() + " / " + tinySize()),
        pull::toString);
    assertTrue(pull.err().endsWith("\n"), "the bar's line is ended");
  }

  @Test
  void importVerifyAndRemove() throws Exception {
    Path source = Files.createDirectories(home.resolve("My Model"));
    for (String name : ModelServer.FILES) {
      Files.copy(ModelServer.TINY.resolve(name), source.resolve(name));
    }

    CliRun imported = run("models", "import", source.toString());
    assertEquals(0, imported.exitCode(), imported::toString);
    Path dir = home.resolve("data/models/My-Model");
    assertTrue(imported.out().startsWith("Imported " + source + " as My-Model in " + dir + " (5 files, "),
        imported::toString);
    assertEquals("installed", listed().get("My-Model").path("state").asText());
    assertEquals("import", listed().get("My-Model").path("origin").asText());

    CliRun verified = run("models", "verify", "My-Model");
    assertEquals(0, verified.exitCode(), verified::toString);
    assertEquals("My-Model: all 5 files match (" + tinySize() + ")", verified.out().strip());

    byte[] config = Files.readAllBytes(dir.resolve("tokenizer_config.json"));
    config[10] ^= 1;
    Files.write(dir.resolve("tokenizer_config.json"), config);
    CliRun broken = run("models", "verify", "My-Model");
    assertEquals(1, broken.exitCode(), broken::toString);
    assertTrue(broken.out().startsWith("tokenizer_config.json: SHA-256 is "), broken::toString);
    assertEquals(List.of("pith: My-Model: 1 file does not match what was installed; remove it and pull or import it"
        + " again"), broken.errLines());

    CliRun removed = run("models", "rm", "My-Model");
    assertEquals(0, removed.exitCode(), removed::toString);
    assertFalse(Files.exists(dir));
    CliRun again = run("models", "rm", "My-Model");
    assertEquals(List.of("pith: model 'My-Model' is not installed in " + home.resolve("data/models")),
        again.errLines());
  }

  @Test
  void aFolderThatIsNotAModelIsNotImported() throws Exception {
    Path source = Files.createDirectories(home.resolve("src"));
    for (String name : ModelServer.FILES) {
      Files.copy(ModelServer.TINY.resolve(name), source.resolve(name));
    }
    Files.writeString(source.resolve("tokenizer.json"), "{\"no\": \"model section\"}");

    CliRun run = run("models", "import", source.toString(), "--id", "broken");

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(List.of("pith: cannot import " + source + ": " + source.resolve("tokenizer.json")
        + " is not a Hugging Face tokenizer (no \"model\" section)"), run.errLines());
    assertFalse(Files.exists(home.resolve("data/models/broken")));
  }

  @Test
  void theBuiltInCatalogIsUsedWhenNoneIsGiven() {
    env.remove("PITH_CATALOG");

    Map<String, JsonNode> rows = listed();

    assertEquals("available", rows.get("qwen2.5-1.5b-instruct-int4-cpu").path("state").asText());
    assertEquals("available", rows.get("deepseek-r1-distill-qwen-1.5b-int4-cpu").path("state").asText());
    JsonNode npu = rows.get("deepseek-r1-distill-qwen-1.5b-hailo");
    assertEquals("npu", npu.path("state").asText());
    assertEquals("deepseek_r1_distill_qwen:1.5b", npu.path("hailo_names").get(0).asText());
    CliRun pull = run("models", "pull", "qwen2.5-1.5b-instruct-hailo");
    assertEquals(1, pull.exitCode(), pull::toString);
    assertEquals(List.of("pith: qwen2.5-1.5b-instruct-hailo runs on the NPU: hailo-ollama downloads it (as"
        + " qwen2.5-instruct:1.5b); Pith has nothing to download for it"), pull.errLines());
  }

  @Test
  void catalogOptionWinsOverTheEnvironmentAndErrorsAreOneLine() throws Exception {
    Path other = ModelServer.writeCatalog(home.resolve("other.json"), "other", Map.of("base_url", server.base()));

    assertTrue(run("models", "list", "--catalog", other.toString()).out().startsWith("ID"));
    assertEquals(List.of("other"), run("--catalog", other.toString(), "models", "list", "--json").jsonLines().stream()
        .map(n -> n.path("id").asText()).collect(Collectors.toList()));
    CliRun unknown = run("models", "pull", "nope");
    assertEquals(List.of("pith: no model 'nope' in the catalog " + catalog + " (it has: tiny)"), unknown.errLines());
    Files.writeString(catalog, "{\"schema\": 1, \"models\": [{\"id\": \"x\"}]}");
    CliRun broken = run("models", "list");
    assertEquals(1, broken.exitCode());
    assertEquals(List.of("pith: catalog " + catalog + ": models[0] (x).backend is required (a non-empty string)"),
        broken.errLines());
    CliRun bare = run("models");
    assertEquals(2, bare.exitCode(), bare::toString);
  }
}
