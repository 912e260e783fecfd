package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.cpu.CpuBackend;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.pith.inference.onnx.optimize.ModelOptimizer;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real CPU backend behind the command line, on the tiny random-weight models of the inference module. */
class TinyModelCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MODELS = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../inference/target/test-classes/models").normalize();
  private static final JsonNode REFERENCE = readReference();

  @TempDir Path home;

  /**
   * The CLI with the real backend, loading models with only the exact graph rewrite (logits for the last
   * position): accuracy_level 4 quantizes activations to int8, which changes a random tiny model's greedy
   * picks away from the numpy reference (the inference module tests both).
   */
  private CliRun run(String... args) {
    return CliRun.of(context(Terminal.none()), args);
  }

  /** Like {@link #run} on a machine whose power meter is a hwmon sensor reading {@code microwatts}. */
  private CliRun runWithMeter(long microwatts, String... args) throws IOException {
    Path sysfs = home.resolve("sysfs");
    PowerFixtures.hwmon(sysfs, microwatts);
    return CliRun.of(context(Terminal.none(), sysfs), args);
  }

  private CliContext context(Terminal terminal) {
    return context(terminal, home.resolve("no-sysfs"));
  }

  /** The context with {@code sysfs} as {@code PITH_SYSFS_ROOT}: no power meter of the machine running the tests. */
  private CliContext context(Terminal terminal, Path sysfs) {
    BackendLoader exact = (dir, options) ->
        CpuBackend.load(dir, options.withRewrites(EnumSet.of(ModelOptimizer.Rewrite.LAST_TOKEN_LOGITS)));
    return new CliContext(Map.of("PITH_SYSFS_ROOT", sysfs.toString()), home, exact, terminal);
  }

  static Stream<Arguments> layoutsAndCases() {
    List<Arguments> args = new ArrayList<>();
    for (String layout : List.of("tiny-genai", "tiny-optimum")) {
      for (JsonNode c : REFERENCE.path("cases")) {
        args.add(Arguments.of(layout, c.path("name").asText(), c));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndCases")
  void greedyJsonTokensEqualTheReferenceIds(String layout, String caseName, JsonNode c) throws Exception {
    int[] expected = expectedGreedy(c.path("greedy_ids"));
    CliRun run = run("generate", "--model", MODELS.resolve(layout).toString(), "--json", "--greedy",
        "--prompt-ids", ids(c.path("prompt_ids")), "--max-tokens", c.path("max_new_tokens").asText());

    assertEquals(0, run.exitCode(), run::toString);
    List<JsonNode> lines = run.jsonLines();
    JsonNode done = lines.get(lines.size() - 1);
    int[] tokenIds = lines.subList(0, lines.size() - 1).stream()
        .peek(line -> assertEquals("token", line.path("type").asText()))
        .mapToInt(line -> line.path("id").asInt())
        .toArray();
    assertArrayEquals(expected, tokenIds);
    assertEquals("done", done.path("type").asText());
    assertEquals(c.path("prompt_ids").size(), done.path("prompt_tokens").asInt());
    assertEquals(expected.length, done.path("generated_tokens").asInt());
    String reason = expected.length < c.path("max_new_tokens").asInt() ? "eos" : "max_tokens";
    assertEquals(reason, done.path("stop_reason").asText());
    assertEquals("cpu", done.path("backend").asText());
    assertTrue(done.path("ttft_ms").asDouble() > 0, done::toString);
  }

  @Test
  void plainChatAnswerGoesToStdoutAndStatsToStderr() {
    CliRun run = run("generate", "--model", MODELS.resolve("tiny-genai").toString(), "--prompt", "Bonjour !",
        "--system", "Réponds en français.", "--max-tokens", "8");
    assertEquals(0, run.exitCode(), run::toString);
    assertFalse(run.out().isBlank(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains(" generated tokens | TTFT "), run::toString);
  }

  @Test
  void doneLineHasTheAnswersEnergyFromTheHwmonSensor() throws IOException {
    CliRun run = runWithMeter(4_500_000, "generate", "--model", MODELS.resolve("tiny-genai").toString(), "--json",
        "--greedy", "--prompt-ids", "1,2,3", "--max-tokens", "16");

    assertEquals(0, run.exitCode(), run::toString);
    List<JsonNode> lines = run.jsonLines();
    JsonNode done = lines.get(lines.size() - 1);
    assertEquals("hwmon " + PowerFixtures.SENSOR, done.path("power_source").asText(), done::toString);
    assertEquals("what the " + PowerFixtures.SENSOR + " sensor measures (hwmon0/power1_input)",
        done.path("power_scope").asText());
    double seconds = done.path("total_ms").asDouble() / 1000;
    assertTrue(seconds > 0, done::toString);
    assertTrue(done.path("energy_j").isNumber(), done::toString);
    assertEquals(4.5 * seconds, done.path("energy_j").asDouble(), 0.1 * 4.5 * seconds, done::toString);
    assertEquals(4.5, done.path("avg_watts").asDouble(), 0.45, done::toString);
    assertFalse(done.has("power_note"), done::toString);
  }

  @Test
  void plainSummaryEndsWithTheAnswersEnergyWhenItWasMeasured() throws IOException {
    CliRun run = runWithMeter(4_500_000, "generate", "--model", MODELS.resolve("tiny-genai").toString(),
        "--prompt", "Bonjour !", "--max-tokens", "8");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(Pattern.compile(" \\| backend cpu \\| \\d+\\.\\d+ J, \\d+\\.\\d{3} J/token, 4\\.5 W avg \\(hwmon "
        + PowerFixtures.SENSOR + "\\)$").matcher(run.errLines().get(0)).find(), run::toString);
  }

  @Test
  void modelIdIsFoundUnderTheDataDir() {
    CliRun run = run("--data-dir", MODELS.getParent().toString(), "generate", "--model", "tiny-genai",
        "--prompt-ids", "1,2,3", "--max-tokens", "2", "--json");
    assertEquals(0, run.exitCode(), run::toString);
  }

  @Test
  void benchJsonReportsLoadTimeRunsMediansAndPeakRss() throws Exception {
    CliRun run = run("bench", "--model", MODELS.resolve("tiny-genai").toString(), "--prompt-tokens", "16",
        "--gen-tokens", "8", "--runs", "2", "--json");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(1, run.outLines().size(), run::toString);
    JsonNode bench = JSON.readTree(run.out());
    assertEquals("bench", bench.path("type").asText());
    assertEquals("cpu", bench.path("backend").asText());
    assertTrue(bench.path("load_ms").asDouble() > 0, bench::toString);
    assertEquals(2, bench.path("runs").size());
    for (JsonNode runNode : bench.path("runs")) {
      assertEquals(16, runNode.path("prompt_tokens").asInt());
      assertTrue(runNode.path("generated_tokens").asInt() >= 1);
      assertTrue(runNode.path("ttft_ms").asDouble() > 0, runNode::toString);
      assertTrue(runNode.path("prefill_tps").asDouble() > 0, runNode::toString);
      assertEquals(0, runNode.path("cached_tokens").asInt(), "each run reads its whole prompt");
    }
    JsonNode median = bench.path("median");
    assertTrue(median.path("ttft_ms").asDouble() > 0 && median.path("prefill_tps").asDouble() > 0, bench::toString);
    assertTrue(median.has("decode_tps"));
    assertTrue(bench.path("peak_rss_mb").asDouble() > 0, bench::toString);
    assertTrue(bench.path("first_ttft_ms").asDouble() > 0, bench::toString);
  }

  @Test
  void benchChatReadsOnlyEachTurnsNewTokens() throws Exception {
    CliRun run = run("bench", "--model", MODELS.resolve("tiny-genai").toString(), "--prompt-tokens", "16",
        "--gen-tokens", "6", "--runs", "1", "--turns", "4", "--turn-tokens", "5", "--json");
    assertEquals(0, run.exitCode(), run::toString);
    JsonNode bench = JSON.readTree(run.out());
    assertEquals(4, bench.path("turn_ttft_ms").size(), bench::toString);
    assertEquals(0, bench.path("turn_cached_tokens").get(0).asInt(), bench::toString);
    for (int turn = 1; turn < 4; turn++) {
      int prompt = bench.path("turn_prompt_tokens").get(turn).asInt();
      int previous = bench.path("turn_prompt_tokens").get(turn - 1).asInt();
      // All but the new question and the previous answer's last token (generated, never fed) came from the cache.
      assertEquals(prompt - 5 - 1, bench.path("turn_cached_tokens").get(turn).asInt(), bench::toString);
      assertTrue(prompt > previous, bench::toString);
    }
  }

  @Test
  void benchTablePrintsTheMedianRow() {
    CliRun run = run("bench", "--model", MODELS.resolve("tiny-genai").toString(), "--prompt-tokens", "8",
        "--gen-tokens", "4", "--runs", "1");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().lines().anyMatch(line -> line.startsWith("median")), run::toString);
    assertTrue(run.out().contains("Load "), run::toString);
  }

  @Test
  void chatStoresTheTinyModelsAnswersWithMetricsAndContinuesTheThread() {
    Path data = home.resolve("data");
    CliContext context = context(Terminal.piped("Bonjour !\nEncore ?\n"));

    CliRun run = CliRun.of(context, "--data-dir", data.toString(), "chat", "--model",
        MODELS.resolve("tiny-genai").toString(), "--max-tokens", "6");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.err());
    List<Message> thread = StoredData.thread(data, StoredData.conversations(data).get(0));
    assertEquals(4, thread.size());
    for (Message answer : List.of(thread.get(1), thread.get(3))) {
      assertEquals(MessageStatus.COMPLETE, answer.status());
      assertEquals("tiny-genai", answer.modelId());
      assertTrue(run.out().contains(answer.content()), run::toString);
      assertTrue(answer.metrics().generatedTokens() >= 1, answer::toString);
      assertTrue(answer.metrics().ttftMillis() > 0, answer::toString);
    }
    assertTrue(thread.get(3).metrics().promptTokens() > thread.get(1).metrics().promptTokens(),
        "the second prompt holds the first question and answer");
  }

  @Test
  void folderThatIsNotAModelIsOneLine() {
    CliRun run = run("generate", "--model", MODELS.resolve("bad-input-names").toString(), "--prompt", "hi");
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("token_type_ids"), run::toString);
  }

  /** The reference ids cut after the first end-of-sequence id (the reference ignores EOS). */
  private static int[] expectedGreedy(JsonNode greedyIds) {
    List<Integer> eos = new ArrayList<>();
    REFERENCE.path("model").path("eos_token_ids").forEach(id -> eos.add(id.asInt()));
    List<Integer> out = new ArrayList<>();
    for (JsonNode id : greedyIds) {
      out.add(id.asInt());
      if (eos.contains(id.asInt())) {
        break;
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String ids(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(","));
  }

  private static JsonNode readReference() {
    try {
      return JSON.readTree(MODELS.resolve("reference.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
