package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.app.cli.FakeBackend.Token;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.Prompt;
import dev.pith.inference.SamplingSettings;
import dev.pith.inference.StopReason;
import dev.pith.inference.TokenSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Token> TOKENS = List.of(new Token(9707, "Hello"), new Token(11, ","),
      new Token(1879, " wörld"), new Token(0, ""));

  @TempDir Path home;
  private Path model;

  @BeforeEach
  void createModelFolder() throws Exception {
    model = Files.createDirectory(home.resolve("model"));
  }

  private CliRun generate(FakeBackend backend, String... options) {
    List<String> args = new ArrayList<>(List.of("generate", "--model", model.toString()));
    args.addAll(Arrays.asList(options));
    return CliRun.of(TestContexts.withBackend(home, backend), args.toArray(String[]::new));
  }

  private static FakeBackend backend(GenerationStats stats) {
    return new FakeBackend(TOKENS, stats);
  }

  private static FakeBackend backend() {
    return backend(FakeBackend.stats(7, 4, 55.5, StopReason.MAX_TOKENS));
  }

  @Test
  void jsonPrintsOneTokenLinePerTokenThenADoneLine() throws Exception {
    CliRun run = generate(backend(), "--prompt-ids", "1,2,3", "--json");

    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = run.outLines();
    assertEquals(TOKENS.size() + 1, lines.size(), run::toString);
    for (int i = 0; i < TOKENS.size(); i++) {
      JsonNode line = JSON.readTree(lines.get(i));
      assertEquals("token", line.get("type").asText());
      assertEquals(TOKENS.get(i).id(), line.get("id").asInt());
      assertEquals(TOKENS.get(i).text(), line.get("text").asText());
    }
    JsonNode done = JSON.readTree(lines.get(TOKENS.size()));
    assertEquals("done", done.get("type").asText());
    assertEquals(7, done.get("prompt_tokens").asInt());
    assertEquals(4, done.get("generated_tokens").asInt());
    assertEquals(12.5, done.get("ttft_ms").asDouble());
    assertEquals(800.0, done.get("prefill_tps").asDouble());
    assertEquals(55.5, done.get("decode_tps").asDouble());
    assertEquals("max_tokens", done.get("stop_reason").asText());
    assertEquals("cpu", done.get("backend").asText());
    assertEquals(0, done.get("dropped_messages").asInt());
    assertEquals(100.0, done.get("total_ms").asDouble());
    assertFalse(done.has("seed"), "greedy answers have no seed");
    assertEquals("", run.err());
  }

  @Test
  void withoutAPowerMeterTheDoneLineSaysNoneAndHasNullFigures() throws Exception {
    CliRun run = generate(backend(), "--prompt-ids", "1,2,3", "--json");

    assertEquals(0, run.exitCode(), run::toString);
    JsonNode done = JSON.readTree(run.outLines().get(run.outLines().size() - 1));
    assertEquals("none", done.get("power_source").asText(), done::toString);
    assertEquals("nothing", done.get("power_scope").asText(), done::toString);
    assertTrue(done.has("energy_j") && done.get("energy_j").isNull(), done::toString);
    assertTrue(done.has("avg_watts") && done.get("avg_watts").isNull(), done::toString);
    assertFalse(done.has("power_note"), "only the NPU's answers need the note: " + done);
  }

  @Test
  void jsonLinesAreAsciiSoAnyTerminalEncodingKeepsThem() {
    CliRun run = generate(backend(), "--prompt-ids", "1", "--json");
    assertTrue(run.out().contains("\\u00F6"), run::toString);
    assertTrue(run.out().chars().allMatch(c -> c < 128), run::toString);
  }

  @Test
  void heldBackTextReleasedOnCancelHasANullId() throws Exception {
    FakeBackend backend = new FakeBackend(List.of(new Token(5, "Hel"), new Token(TokenSink.NO_TOKEN, "lo")),
        FakeBackend.stats(1, 1, Double.NaN, StopReason.CANCELLED));
    CliRun run = generate(backend, "--prompt-ids", "1", "--json");
    JsonNode released = JSON.readTree(run.outLines().get(1));
    assertTrue(released.get("id").isNull(), run::toString);
    assertEquals("lo", released.get("text").asText());
  }

  @Test
  void jsonWritesNotANumberAsNull() throws Exception {
    CliRun run = generate(backend(FakeBackend.stats(3, 1, Double.NaN, StopReason.EOS)), "--prompt", "hi", "--json");
    JsonNode done = JSON.readTree(run.outLines().get(run.outLines().size() - 1));
    assertTrue(done.get("decode_tps").isNull(), run::toString);
    assertEquals("eos", done.get("stop_reason").asText());
  }

  @Test
  void plainStreamsTheTextToStdoutAndOneStatsLineToStderr() {
    CliRun run = generate(backend(), "--prompt", "hi");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("Hello, wörld\n", run.out());
    assertEquals(1, run.errLines().size(), run::toString);
    String stats = run.errLines().get(0);
    assertEquals("7 prompt + 4 generated tokens | TTFT 13 ms | prefill 800.0 tok/s | decode 55.5 tok/s"
        + " | stop: max_tokens | backend cpu", stats);
  }

  @Test
  void promptAndSystemBecomeAChat() {
    FakeBackend backend = backend();
    generate(backend, "--prompt", "What is 2+2?", "--system", "Be brief.");
    Prompt.Chat chat = assertInstanceOf(Prompt.Chat.class, backend.lastRequest().prompt());
    assertEquals(List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is 2+2?")), chat.messages());
  }

  @Test
  void rawPromptSkipsTheChatTemplate() {
    FakeBackend backend = backend();
    generate(backend, "--prompt", "Once upon a time", "--raw");
    assertEquals(new Prompt.Text("Once upon a time"), backend.lastRequest().prompt());
  }

  @Test
  void promptIdsAreFedAsTheyAre() {
    FakeBackend backend = backend();
    generate(backend, "--prompt-ids", "5,6,7");
    Prompt.Ids ids = assertInstanceOf(Prompt.Ids.class, backend.lastRequest().prompt());
    assertArrayEquals(new int[] {5, 6, 7}, ids.ids());
  }

  @Test
  void systemWithRawIsUsageError() {
    CliRun run = generate(backend(), "--prompt", "x", "--raw", "--system", "s");
    assertEquals(2, run.exitCode(), run::toString);
  }

  @Test
  void greedyIsTheDefault() {
    FakeBackend backend = backend();
    generate(backend, "--prompt", "hi", "--max-tokens", "9", "--stop", "END", "--stop", "\n\n");
    GenerationSettings settings = backend.lastRequest().settings();
    assertEquals(new GenerationSettings(9, SamplingSettings.GREEDY, List.of("END", "\n\n")), settings);
  }

  @Test
  void samplingOptionsAreUsedAsGiven() {
    FakeBackend backend = backend();
    CliRun run = generate(backend, "--prompt", "hi", "--temperature", "0.7", "--top-p", "0.9", "--top-k", "40",
        "--seed", "1234", "--repetition-penalty", "1.1", "--json");
    assertEquals(new SamplingSettings(0.7f, 40, 0.9f, 1.1f, 1234L), backend.lastRequest().settings().sampling());
    assertTrue(run.out().contains("\"seed\":1234"), run::toString);
  }

  @Test
  void aSamplingOptionWithoutSeedSamplesWithARandomSeedThatIsReported() {
    FakeBackend backend = backend();
    CliRun run = generate(backend, "--prompt", "hi", "--top-k", "20");
    SamplingSettings sampling = backend.lastRequest().settings().sampling();
    assertEquals(SamplingOptions.DEFAULT_TEMPERATURE, sampling.temperature());
    assertEquals(1f, sampling.topP());
    assertTrue(run.err().contains("| seed " + sampling.seed()), run::toString);
  }

  @Test
  void threadsReachTheBackendOptions() {
    FakeBackend backend = backend();
    generate(backend, "--prompt", "hi", "--threads", "3");
    assertEquals(3, backend.loadedOptions.intraOpThreads());
    assertTrue(backend.closed, "the command closes the backend it loaded");
  }

  @Test
  void modelIdIsFoundUnderTheDataDir() throws Exception {
    Path data = home.resolve("data");
    Path byId = TestContexts.modelFolder(data.resolve("models/tiny"));
    FakeBackend backend = backend();
    CliRun run = CliRun.of(TestContexts.withBackend(home, backend),
        "--data-dir", data.toString(), "generate", "--model", "tiny", "--prompt", "hi");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(byId, backend.loadedDir);
  }

  @Test
  void cancelledAnswerStillEndsWithADoneLine() throws Exception {
    CliRun run = generate(backend(FakeBackend.stats(3, 2, 10, StopReason.CANCELLED)), "--prompt", "hi", "--json");
    assertEquals(GenerateCommand.EXIT_CANCELLED, run.exitCode(), run::toString);
    JsonNode done = JSON.readTree(run.outLines().get(run.outLines().size() - 1));
    assertEquals("cancelled", done.get("stop_reason").asText());
  }
}
