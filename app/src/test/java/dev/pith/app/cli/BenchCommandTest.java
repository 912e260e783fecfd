package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.Prompt;
import dev.pith.inference.StopReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir Path home;
  private Path model;

  @BeforeEach
  void createModelFolder() throws Exception {
    model = Files.createDirectory(home.resolve("model"));
  }

  private static FakeBackend backend() {
    return new FakeBackend(List.of(), FakeBackend.stats(16, 8, 50.0, StopReason.MAX_TOKENS));
  }

  private CliRun bench(FakeBackend backend, String... options) {
    String[] args = {"bench", "--model", model.toString(), "--prompt-tokens", "16", "--gen-tokens", "8"};
    String[] all = Arrays.copyOf(args, args.length + options.length);
    System.arraycopy(options, 0, all, args.length, options.length);
    return CliRun.of(TestContexts.withBackend(home, backend), all);
  }

  private static int[] ids(GenerationRequest request) {
    return ((Prompt.Ids) request.prompt()).ids();
  }

  @Test
  void runsAFirstRunPlusTheMeasuredRunsEachOnItsOwnGreedyPrompt() {
    FakeBackend backend = backend();
    CliRun run = bench(backend, "--runs", "2");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(3, backend.requests.size());
    for (int i = 0; i < 3; i++) {
      GenerationRequest request = backend.requests.get(i);
      assertArrayEquals(BenchCommand.promptIds(16, 151_936, i), ids(request));
      assertTrue(request.settings().sampling().isGreedy());
      assertEquals(8, request.settings().maxTokens());
    }
  }

  @Test
  void promptIdsAreFixedPerRunBelowTheBoundAndStartDifferently() {
    int[] ids = BenchCommand.promptIds(96, 151_936, 1);
    assertArrayEquals(ids, BenchCommand.promptIds(96, 151_936, 1));
    assertTrue(Arrays.stream(ids).allMatch(id -> id >= 0 && id < 1000));
    assertTrue(Arrays.stream(BenchCommand.promptIds(96, 50, 3)).allMatch(id -> id < 50));
    assertTrue(BenchCommand.promptIds(96, 151_936, 2)[0] != ids[0]);
  }

  @Test
  void chatTurnsGrowTheHistoryByTheAnswerAndANewQuestion() throws Exception {
    FakeBackend backend = new FakeBackend(List.of(new FakeBackend.Token(7, "a"), new FakeBackend.Token(9, "b")),
        FakeBackend.stats(16, 2, 50.0, StopReason.MAX_TOKENS));
    CliRun run = bench(backend, "--runs", "1", "--turns", "3", "--turn-tokens", "5", "--json");
    assertEquals(0, run.exitCode(), run::toString);
    List<GenerationRequest> turns = backend.requests.subList(2, 5);
    assertEquals(16, ids(turns.get(0)).length);
    for (int t = 1; t < 3; t++) {
      int[] before = ids(turns.get(t - 1));
      int[] now = ids(turns.get(t));
      assertEquals(before.length + 2 + 5, now.length);
      assertArrayEquals(before, Arrays.copyOf(now, before.length), "the history is kept as it was");
      assertArrayEquals(new int[] {7, 9}, Arrays.copyOfRange(now, before.length, before.length + 2));
    }
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(3, json.get("turn_ttft_ms").size());
    assertEquals(12.5, json.get("turn_ttft_ms").get(2).asDouble());
    assertEquals(3, json.get("turn_cached_tokens").size());
  }

  @Test
  void aChatLongerThanTheContextIsRefused() {
    CliRun run = bench(backend(), "--turns", "100");
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("100-turn chat needs"), run::toString);
  }

  @Test
  void tablePrintsPerRunAndMedianNumbers() {
    CliRun run = bench(backend(), "--runs", "2");
    assertTrue(run.out().contains("Load "), run::toString);
    assertTrue(run.out().contains("TTFT ms"), run::toString);
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("median") && l.contains("50.0")), run::toString);
    assertTrue(run.out().contains("Peak RSS"), run::toString);
  }

  @Test
  void jsonIsOneObjectWithRunsMedianLoadTimeAndPeakRss() throws Exception {
    CliRun run = bench(backend(), "--runs", "3", "--json");
    assertEquals(1, run.outLines().size(), run::toString);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("bench", json.get("type").asText());
    assertEquals(3, json.get("runs").size());
    assertEquals(50.0, json.get("median").get("decode_tps").asDouble());
    assertEquals(12.5, json.get("median").get("ttft_ms").asDouble());
    assertTrue(json.get("load_ms").isNumber());
    assertEquals(12.5, json.get("first_ttft_ms").asDouble());
    assertEquals(12.5, json.get("ttft_ms").asDouble());
    assertEquals(800.0, json.get("prefill_tps").asDouble());
    assertEquals(50.0, json.get("decode_tps").asDouble());
    assertTrue(json.get("gc_ms").isIntegralNumber());
    assertTrue(json.has("peak_rss_mb"));
    assertTrue(!json.has("turn_ttft_ms"), "no chat without --turns");
    assertEquals(16, json.get("prompt_tokens").asInt());
    assertEquals(8, json.get("gen_tokens").asInt());
  }

  @Test
  void zeroRunsIsUsageError() {
    assertEquals(2, bench(backend(), "--runs", "0").exitCode());
  }

  @Test
  void workloadLargerThanTheContextIsRefused() {
    CliRun run = CliRun.of(TestContexts.withBackend(home, backend()),
        "bench", "--model", model.toString(), "--prompt-tokens", "16", "--gen-tokens", "600");
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("context of 512 tokens"), run::toString);
  }

  @Test
  void runsThatEndBeforeTheTokenCountAreNoted() {
    GenerationStats early = FakeBackend.stats(16, 5, 40.0, StopReason.EOS);
    BenchReport report = new BenchReport(backend().model(), "cpu", 2, 16, 8, 10.0, early, List.of(early), 0,
        List.of(), OptionalLong.empty());
    StringWriter out = new StringWriter();
    report.printTable(new PrintWriter(out, true));
    assertTrue(out.toString().contains("run 1 ended (eos) after 5 of 8 tokens"), out::toString);
  }

  @Test
  void medianIgnoresUnknownValues() {
    GenerationStats a = FakeBackend.stats(1, 1, Double.NaN, StopReason.EOS);
    GenerationStats b = FakeBackend.stats(1, 4, 30.0, StopReason.MAX_TOKENS);
    GenerationStats c = FakeBackend.stats(1, 4, 10.0, StopReason.MAX_TOKENS);
    BenchReport report = new BenchReport(backend().model(), "cpu", 2, 1, 4, 1.0, a, List.of(a, b, c), 0, List.of(),
        OptionalLong.empty());
    assertEquals(20.0, report.median(GenerationStats::decodeTokensPerSecond));
  }
}
