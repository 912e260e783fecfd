package dev.pith.inference.hailo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import dev.pith.inference.Prompt;
import dev.pith.inference.RecordingSink;
import dev.pith.inference.SamplingSettings;
import dev.pith.inference.StopReason;
import dev.pith.inference.TestModels;
import dev.pith.inference.TokenSink;
import dev.pith.inference.hailo.FakeHailoOllama.Fault;
import dev.pith.inference.tokenizer.ChatTemplate;
import dev.pith.inference.tokenizer.Tokenizer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hailo backend against {@link FakeHailoOllama} over real HTTP on 127.0.0.1, failures included. */
class HailoBackendTest {
  static final HailoTimeouts SHORT = new HailoTimeouts(Duration.ofMillis(500), Duration.ofMillis(1500),
      Duration.ofMillis(600), Duration.ofMillis(1500));

  @TempDir Path root;
  private FakeHailoOllama fake;
  private HailoBackend backend;

  @BeforeEach
  void start() throws Exception {
    fake = FakeHailoOllama.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (backend != null) {
      backend.close();
    }
    fake.close();
  }

  /** Options for the fake, under an empty sysfs tree (no device: Pith starts no server). */
  static HailoOptions options(Path root, URI url) {
    return new HailoOptions(url, root, Map.of(), SHORT, Duration.ofSeconds(5), Optional.empty(),
        Optional.empty());
  }

  private HailoBackend connect() throws Exception {
    return connect(options(root, fake.url()));
  }

  private HailoBackend connect(HailoOptions options) throws Exception {
    backend = HailoBackend.connect(options, HailoModel.named(FakeHailoOllama.QWEN), HailoPullListener.NONE,
        new CancellationToken());
    return backend;
  }

  private static GenerationRequest ask(String question, int maxTokens) {
    return new GenerationRequest(Prompt.chat(List.of(ChatMessage.user(question))), GenerationSettings.greedy(
        maxTokens));
  }

  @Test
  void streamsTheAnswerThroughTheSinkWithPiecePositionsAsIds() throws Exception {
    RecordingSink sink = new RecordingSink();
    GenerationStats stats = connect().generate(ask("Hi?", 64), sink, new CancellationToken());

    assertEquals("Hello, wörld!", sink.text());
    assertEquals(List.of(0, 1, 2, 3), sink.ids);
    assertEquals(StopReason.EOS, stats.stopReason());
    assertEquals("hailo", stats.backend());
  }

  @Test
  void statsComeFromTheLastLinesCountersAndPithsOwnClock() throws Exception {
    fake.reply("a", "b", "c", "d", "e", "f").pieceDelay(Duration.ofMillis(20));
    long before = System.nanoTime();
    GenerationStats stats = connect().generate(ask("Count.", 64), new RecordingSink(), new CancellationToken());
    double wallMillis = (System.nanoTime() - before) / 1e6;

    assertEquals(6, stats.generatedTokens(), "eval_count of the last line");
    assertTrue(stats.promptTokens() > 0 && stats.cachedPromptTokens() == 0, stats::toString);
    assertTrue(stats.ttftMillis() >= 15 && stats.ttftMillis() < stats.totalMillis(), stats::toString);
    assertTrue(stats.totalMillis() <= wallMillis, stats::toString);
    // Five gaps of ~20 ms between six pieces: ~50 tokens/s, far from both 0 and the 1000s a clock bug gives.
    assertTrue(stats.decodeTokensPerSecond() > 10 && stats.decodeTokensPerSecond() < 60, stats::toString);
    assertTrue(Double.isNaN(stats.prefillTokensPerSecond()), "an estimated prompt size is not divided by time");
  }

  @Test
  void sendsKeepAliveMinusOneAndMapsTheSamplingOptions() throws Exception {
    List<ChatMessage> chat = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi?"),
        ChatMessage.assistant("Hello."), ChatMessage.user("Again?"));
    GenerationSettings settings = new GenerationSettings(100, new SamplingSettings(0.7f, 20, 0.8f, 1.1f, 42L),
        List.of());
    connect().generate(new GenerationRequest(Prompt.chat(chat), settings), new RecordingSink(),
        new CancellationToken());

    JsonNode body = fake.lastChat();
    assertEquals(FakeHailoOllama.QWEN, body.get("model").asText());
    assertTrue(body.get("stream").asBoolean());
    assertTrue(body.get("keep_alive").isIntegralNumber(), body::toString);
    assertEquals(-1, body.get("keep_alive").asInt());
    JsonNode messages = body.get("messages");
    assertEquals(4, messages.size());
    assertEquals("system", messages.get(0).get("role").asText());
    assertEquals("Be brief.", messages.get(0).get("content").asText());
    assertEquals("assistant", messages.get(2).get("role").asText());
    assertEquals("Again?", messages.get(3).get("content").asText());
    JsonNode options = body.get("options");
    assertEquals(0.7, options.get("temperature").asDouble(), 1e-6);
    assertEquals(0.8, options.get("top_p").asDouble(), 1e-6);
    assertEquals(20, options.get("top_k").asInt());
    assertEquals(1.1, options.get("repeat_penalty").asDouble(), 1e-6);
    assertEquals(42, options.get("seed").asLong());
    assertEquals(100, options.get("num_predict").asInt());
  }

  @Test
  void greedyIsTemperatureZeroAndTopKOne() throws Exception {
    connect().generate(ask("Hi?", 8), new RecordingSink(), new CancellationToken());
    JsonNode options = fake.lastChat().get("options");
    assertEquals(0.0, options.get("temperature").asDouble());
    assertEquals(1, options.get("top_k").asInt());
    assertFalse(options.has("seed"), options::toString);
  }

  @Test
  void theFakeRefusesOllamasKeepAliveStringsAsTheRealServerDoes() throws Exception {
    HailoClient client = new HailoClient(fake.url(), SHORT);
    JsonNode request = new ObjectMapper().readTree(
        "{\"model\":\"" + FakeHailoOllama.QWEN + "\",\"keep_alive\":\"5m\",\"messages\":[]}");
    try (LineStream stream = client.chat(request)) {
      HailoException e = assertThrows(HailoException.class, () -> stream.next(Duration.ofSeconds(2)));
      assertEquals("hailo-ollama at " + fake.url() + " answered HTTP 400: keep_alive must be an integer number of"
          + " seconds, got \"5m\"", e.getMessage());
    }
  }

  @Test
  void lengthEndsAsMaxTokensAndNumPredictIsTheBudget() throws Exception {
    RecordingSink sink = new RecordingSink();
    GenerationStats stats = connect().generate(ask("Hi?", 2), sink, new CancellationToken());
    assertEquals("Hello,", sink.text());
    assertEquals(StopReason.MAX_TOKENS, stats.stopReason());
    assertEquals(2, stats.generatedTokens());
    assertEquals(2, fake.lastChat().get("options").get("num_predict").asInt());
  }

  @Test
  void numPredictIsCappedSoPromptAndAnswerFitTheContext() throws Exception {
    GenerationStats stats = connect().generate(ask("Hi?", 5000), new RecordingSink(), new CancellationToken());
    int numPredict = fake.lastChat().get("options").get("num_predict").asInt();
    assertEquals(HailoBackend.CONTEXT - stats.promptTokens(), numPredict);
  }

  @Test
  void aStopStringEndsTheAnswerAndClosesTheStream() throws Exception {
    fake.reply("one", " two", " three", " four").pieceDelay(Duration.ofMillis(30));
    RecordingSink sink = new RecordingSink();
    GenerationSettings settings = new GenerationSettings(64, SamplingSettings.GREEDY, List.of(" thr"));
    GenerationStats stats = connect().generate(new GenerationRequest(Prompt.chat(List.of(ChatMessage.user("?"))),
        settings), sink, new CancellationToken());
    assertEquals("one two", sink.text());
    assertEquals(StopReason.STOP, stats.stopReason());
    assertTrue(fake.awaitDisconnect(Duration.ofSeconds(2)), "the rest of the answer is not read");
  }

  @Test
  void cancelMidStreamReturnsCancelledQuicklyAndClosesTheConnection() throws Exception {
    fake.reply(pieces(100)).pieceDelay(Duration.ofMillis(50));
    CancellationToken cancel = new CancellationToken();
    long[] cancelledAt = new long[1];
    RecordingSink sink = new RecordingSink() {
      @Override
      public void onToken(int tokenId, String text) {
        super.onToken(tokenId, text);
        if (ids.size() == 3) {
          cancelledAt[0] = System.nanoTime();
          CompletableFuture.runAsync(cancel::cancel);
        }
      }
    };
    GenerationStats stats = connect().generate(ask("Long?", 200), sink, cancel);
    double afterCancel = (System.nanoTime() - cancelledAt[0]) / 1e6;

    assertEquals(StopReason.CANCELLED, stats.stopReason());
    assertTrue(afterCancel < 100, "returned " + afterCancel + " ms after the cancel");
    assertTrue(sink.ids.size() <= 4, "at most a piece already received: " + sink.ids);
    assertEquals(sink.ids.size(), stats.generatedTokens());
    assertTrue(fake.awaitDisconnect(Duration.ofSeconds(1)), "the fake saw the client go away");
  }

  static Stream<Arguments> serverFailures() {
    return Stream.of(
        Arguments.of(Fault.ERROR_200, " reported an error: failed to run inference on the model", ""),
        Arguments.of(Fault.ERROR_MID_STREAM, " reported an error: NPU device error", "Hello,"),
        Arguments.of(Fault.STATUS_500, " answered HTTP 500: failed to run inference on the model", ""),
        Arguments.of(Fault.RESET_MID_STREAM, " broke the connection in the middle of its reply", "Hello,"),
        Arguments.of(Fault.MALFORMED_LINE, " sent a line that is not JSON: {\"model\":\"" + FakeHailoOllama.QWEN
            + "\",\"message\":{\"content\":", "Hello"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverFailures")
  void aServerFailureIsOneLineNamingTheServerAndKeepsWhatCameBefore(Fault fault, String what, String before)
      throws Exception {
    fake.failNextChat(fault).pieceDelay(Duration.ofMillis(10));
    RecordingSink sink = new RecordingSink();
    HailoException e = assertThrows(HailoException.class,
        () -> connect().generate(ask("Hi?", 8), sink, new CancellationToken()));
    assertEquals("hailo-ollama at " + fake.url() + what, e.getMessage());
    assertEquals(before, sink.text());
  }

  @Test
  void aServerThatAcceptsAndNeverAnswersTimesOut() throws Exception {
    fake.failNextChat(Fault.SILENT);
    connect();
    long start = System.nanoTime();
    HailoException e = assertThrows(HailoException.class,
        () -> backend.generate(ask("Hi?", 8), new RecordingSink(), new CancellationToken()));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals("hailo-ollama at " + fake.url() + " sent nothing for 1500 ms after the request", e.getMessage());
    assertTrue(seconds >= 1.4 && seconds < 3, "gave up after " + seconds + " s");
    assertTrue(fake.awaitDisconnect(Duration.ofSeconds(1)), "the silent connection is closed by the client");
  }

  @Test
  void aDeadServerIsAnErrorNamingItsUrl() throws Exception {
    connect();
    fake.close();
    HailoException e = assertThrows(HailoException.class,
        () -> backend.generate(ask("Hi?", 8), new RecordingSink(), new CancellationToken()));
    assertEquals("hailo-ollama at " + fake.url() + " is not reachable (connection refused)", e.getMessage());
  }

  @Test
  void aSecondAnswerWhileOneRunsFailsAtOnce() throws Exception {
    fake.reply(pieces(20)).pieceDelay(Duration.ofMillis(50));
    connect();
    CompletableFuture<GenerationStats> first = CompletableFuture.supplyAsync(() -> {
      try {
        return backend.generate(ask("First?", 64), new RecordingSink(), new CancellationToken());
      } catch (GenerationException e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(fake.awaitChatStarted(Duration.ofSeconds(2)));
    long start = System.nanoTime();
    GenerationException e = assertThrows(GenerationException.class,
        () -> backend.generate(ask("Second?", 64), new RecordingSink(), new CancellationToken()));
    assertTrue((System.nanoTime() - start) / 1e6 < 100, "fails fast");
    assertFalse(e instanceof HailoException, "the server did nothing wrong");
    assertEquals("the NPU is still answering another message (hailo-ollama serves one request at a time); wait for"
        + " it or stop it first", e.getMessage());
    assertEquals(20, first.get(5, TimeUnit.SECONDS).generatedTokens());
    assertEquals(1, fake.requests("/api/chat").size(), "the second request never reached the server");
  }

  @Test
  void aLongConversationLosesItsOldestTurnsBeforeItIsSent() throws Exception {
    List<ChatMessage> chat = longChat(40);
    GenerationStats stats = connect().generate(new GenerationRequest(Prompt.chat(chat),
        GenerationSettings.greedy(256)), new RecordingSink(), new CancellationToken());

    JsonNode sent = fake.lastChat().get("messages");
    assertFalse(fake.overflowed(), "the server never saw more than its context");
    assertTrue(stats.droppedMessages() > 0 && stats.droppedMessages() % 2 == 0, stats::toString);
    assertEquals(chat.size() - stats.droppedMessages(), sent.size());
    assertEquals("system", sent.get(0).get("role").asText(), "the system prompt stays");
    assertEquals("And the last question?", sent.get(sent.size() - 1).get("content").asText());
    assertTrue(stats.promptTokens() + fake.lastChat().get("options").get("num_predict").asInt()
        <= HailoBackend.CONTEXT, stats::toString);
  }

  @Test
  void withoutTrimmingTheFakeOverflowsAsTheRealServerDoes() throws Exception {
    HailoClient client = new HailoClient(fake.url(), SHORT);
    ObjectNode request = new ObjectMapper()
        .createObjectNode().put("model", FakeHailoOllama.QWEN).put("keep_alive", -1);
    for (ChatMessage m : longChat(40)) {
      request.withArray("messages").addObject().put("role", m.role().wireName()).put("content", m.content());
    }
    try (LineStream stream = client.chat(request)) {
      assertNotNull(stream.next(Duration.ofSeconds(2)), "garbage, with HTTP 200");
    }
    assertTrue(fake.overflowed());
  }

  @Test
  void theModelsOwnTokenizerCountsThePromptExactly() throws Exception {
    HailoOptions options = options(root, fake.url()).withTokenizerFolder(TestModels.GENAI);
    GenerationStats exact = connect(options).generate(ask("How many tokens is this?", 8), new RecordingSink(),
        new CancellationToken());
    backend.close();
    GenerationStats estimated = connect().generate(ask("How many tokens is this?", 8), new RecordingSink(),
        new CancellationToken());

    try (Tokenizer tokenizer = Tokenizer.load(
        TestModels.GENAI)) {
      String rendered = ChatTemplate.load(TestModels.GENAI).render(
          List.of(ChatMessage.user("How many tokens is this?")), true);
      assertEquals(tokenizer.encode(rendered).length, exact.promptTokens());
    }
    assertFalse(Double.isNaN(exact.prefillTokensPerSecond()), "an exact count gives a prefill rate");
    assertTrue(estimated.promptTokens() > 0);
  }

  @Test
  void rawTextAndTokenIdsAreRefusedWithAReason() throws Exception {
    connect();
    GenerationException text = assertThrows(GenerationException.class, () -> backend.generate(
        new GenerationRequest(Prompt.text("raw"), GenerationSettings.greedy(4)), TokenSink.NONE,
        new CancellationToken()));
    assertTrue(text.getMessage().startsWith("the NPU answers chats only"), text.getMessage());
    GenerationException ids = assertThrows(GenerationException.class, () -> backend.generate(
        new GenerationRequest(Prompt.ids(1, 2), GenerationSettings.greedy(4)), TokenSink.NONE,
        new CancellationToken()));
    assertTrue(ids.getMessage().startsWith("the NPU takes text, not token ids"), ids.getMessage());
    assertTrue(fake.requests("/api/chat").isEmpty());
  }

  @Test
  void modelInfoNamesTheServerModel() throws Exception {
    fake.models(FakeHailoOllama.QWEN, FakeHailoOllama.DEEPSEEK_5_1);
    assertEquals(new ModelInfo(FakeHailoOllama.QWEN, "hailo-ollama", 2048, 0, false),
        connect().model());
    backend.close();
    backend = HailoBackend.connect(options(root, fake.url()), HailoModel.named(FakeHailoOllama.DEEPSEEK_5_1),
        HailoPullListener.NONE, new CancellationToken());
    assertTrue(backend.model().opensThinking());
  }

  static List<ChatMessage> longChat(int turns) {
    List<ChatMessage> chat = new ArrayList<>();
    chat.add(ChatMessage.system("You answer questions about the mountains."));
    String filler = " The weather in the mountains changes quickly, so bring a jacket and check the forecast.";
    for (int i = 0; i < turns; i++) {
      chat.add(ChatMessage.user("Question " + i + "?" + filler.repeat(3)));
      chat.add(ChatMessage.assistant("Answer " + i + "." + filler.repeat(3)));
    }
    chat.add(ChatMessage.user("And the last question?"));
    return chat;
  }

  private static String[] pieces(int n) {
    String[] pieces = new String[n];
    for (int i = 0; i < n; i++) {
      pieces[i] = " w" + i;
    }
    return pieces;
  }
}
