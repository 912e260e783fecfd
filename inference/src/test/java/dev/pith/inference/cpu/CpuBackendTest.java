package dev.pith.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.Prompt;
import dev.pith.inference.RecordingSink;
import dev.pith.inference.SamplingSettings;
import dev.pith.inference.StopReason;
import dev.pith.inference.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuBackendTest {
  private static CpuBackend backend;

  @BeforeAll
  static void load() throws Exception {
    backend = CpuBackend.load(TestModels.GENAI, CpuBackendOptions.defaults());
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  static Path[] layouts() {
    return TestModels.layouts().toArray(Path[]::new);
  }


  private static RecordingSink run(Prompt prompt, GenerationSettings settings) throws GenerationException {
    RecordingSink sink = new RecordingSink();
    backend.generate(new GenerationRequest(prompt, settings), sink, new CancellationToken());
    return sink;
  }

  private static GenerationSettings sampling(long seed, int topK, float topP) {
    return new GenerationSettings(20, new SamplingSettings(0.9f, topK, topP, 1.1f, seed), List.of());
  }

  private static List<ChatMessage> referenceChat() {
    List<ChatMessage> out = new ArrayList<>();
    for (JsonNode m : TestModels.reference().path("chat").path("messages")) {
      String role = m.path("role").asText();
      out.add(role.equals("system") ? ChatMessage.system(m.path("content").asText())
          : ChatMessage.user(m.path("content").asText()));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void chatWithAccentsAndEmojiGivesReferencePromptIdsAndText(Path layout) throws Exception {
    JsonNode chat = TestModels.reference().path("chat");
    try (CpuBackend b = CpuBackend.load(layout, TestModels.exact())) {
      String rendered = b.chatTemplate().render(referenceChat(), true);
      assertEquals(chat.path("rendered_prompt").asText(), rendered);
      assertArrayEquals(TestModels.ints(chat.path("prompt_ids")), b.tokenizer().encode(rendered));
      RecordingSink sink = new RecordingSink();
      GenerationStats stats = b.generate(new GenerationRequest(Prompt.chat(referenceChat()),
          GenerationSettings.greedy(chat.path("max_new_tokens").asInt())), sink, new CancellationToken());
      assertEquals(chat.path("prompt_ids").size(), stats.promptTokens());
      assertArrayEquals(TestModels.expectedGreedy(chat.path("greedy_ids")), sink.idArray());
      assertEquals(chat.path("decoded_text").asText(), sink.text());
    }
  }

  @Test
  void sameSeedGivesSameTextAndAnotherSeedAnother() throws Exception {
    Prompt prompt = Prompt.ids(TestModels.promptIds(1));
    RecordingSink first = run(prompt, sampling(42, 40, 0.95f));
    RecordingSink again = run(prompt, sampling(42, 40, 0.95f));
    RecordingSink other = run(prompt, sampling(4242, 40, 0.95f));
    assertArrayEquals(first.idArray(), again.idArray());
    assertEquals(first.text(), again.text());
    assertFalse(Arrays.equals(first.idArray(), other.idArray()), "a different seed should give different tokens");
    int[] greedy = run(prompt, GenerationSettings.greedy(20)).idArray();
    assertFalse(Arrays.equals(first.idArray(), greedy), "sampling at temperature 0.9 should differ from greedy");
  }

  @Test
  void topKOfOneIsGreedy() throws Exception {
    Prompt prompt = Prompt.ids(TestModels.promptIds(1));
    GenerationSettings topOne = new GenerationSettings(20, new SamplingSettings(1.5f, 1, 1f, 1f, 7), List.of());
    assertArrayEquals(run(prompt, GenerationSettings.greedy(20)).idArray(), run(prompt, topOne).idArray());
  }

  @Test
  void stopStringEndsTheAnswerBeforeIt() throws Exception {
    Prompt prompt = Prompt.ids(TestModels.promptIds(1));
    String full = run(prompt, GenerationSettings.greedy(24)).text();
    int at = -1;
    String stop = null;
    for (int k = 4; k + 3 <= full.length(); k++) {
      String candidate = full.substring(k, k + 3);
      if (full.indexOf(candidate) == k && !candidate.contains("\uFFFD")) {
        at = k;
        stop = candidate;
        break;
      }
    }
    assertTrue(at > 0, "the reference answer needs a usable stop string: " + full);
    RecordingSink sink = new RecordingSink();
    GenerationStats stats = backend.generate(new GenerationRequest(prompt,
        new GenerationSettings(24, SamplingSettings.GREEDY, List.of("zzzz-never", stop))), sink,
        new CancellationToken());
    assertEquals(StopReason.STOP, stats.stopReason());
    assertEquals(full.substring(0, at), sink.text());
    assertTrue(stats.generatedTokens() < 24);
  }

  @Test
  void maxTokensLimitsTheAnswer() throws Exception {
    RecordingSink sink = new RecordingSink();
    GenerationStats stats = backend.generate(new GenerationRequest(Prompt.ids(TestModels.promptIds(0)),
        GenerationSettings.greedy(5)), sink, new CancellationToken());
    assertEquals(5, sink.ids.size());
    assertEquals(5, stats.generatedTokens());
    assertEquals(StopReason.MAX_TOKENS, stats.stopReason());
  }

  @Test
  void cancellationReturnsWithinOneDecodeStep() throws Exception {
    CancellationToken cancel = new CancellationToken();
    RecordingSink sink = new RecordingSink() {
      @Override
      public void onToken(int tokenId, String text) {
        super.onToken(tokenId, text);
        if (ids.size() == 3) {
          cancel.cancel();
        }
      }
    };
    GenerationStats stats = backend.generate(new GenerationRequest(Prompt.ids(TestModels.promptIds(1)),
        GenerationSettings.greedy(24)), sink, cancel);
    assertEquals(StopReason.CANCELLED, stats.stopReason());
    assertEquals(3, stats.generatedTokens());
    assertEquals(3, sink.ids.size());
  }

  @Test
  void cancellationBeforeThePromptIsReadStopsBeforeAnyToken() throws Exception {
    CancellationToken cancel = new CancellationToken();
    cancel.cancel();
    RecordingSink sink = new RecordingSink();
    GenerationStats stats = backend.generate(new GenerationRequest(Prompt.ids(TestModels.promptIds(2)),
        GenerationSettings.greedy(24)), sink, cancel);
    assertEquals(StopReason.CANCELLED, stats.stopReason());
    assertEquals(0, stats.generatedTokens());
    assertTrue(sink.ids.isEmpty());
    // The backend is still usable afterwards.
    assertEquals(4, run(Prompt.ids(TestModels.promptIds(0)), GenerationSettings.greedy(4)).ids.size());
  }

  @Test
  void cancelFromAnotherThreadAtAnyMomentKeepsEverythingStreamedSoFar() throws Exception {
    // The cancel lands at random points: before the prompt, during prefill, inside a decode step (where
    // ONNX Runtime aborts the step) or between steps. Whatever the moment, the stats count exactly the
    // tokens the sink received.
    Prompt prompt = Prompt.ids(TestModels.promptIds(2));
    java.util.concurrent.ScheduledExecutorService canceller =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      java.util.Random random = new java.util.Random(3);
      int cancelledWithTokens = 0;
      for (int i = 0; i < 60; i++) {
        CancellationToken cancel = new CancellationToken();
        RecordingSink sink = new RecordingSink();
        canceller.schedule(cancel::cancel, random.nextInt(4000), java.util.concurrent.TimeUnit.MICROSECONDS);
        GenerationStats stats = backend.generate(new GenerationRequest(prompt,
            new GenerationSettings(200, SamplingSettings.GREEDY, List.of())), sink, cancel);
        assertEquals(sink.ids.size(), stats.generatedTokens(), stats::toString);
        if (stats.stopReason() == StopReason.CANCELLED && stats.generatedTokens() > 0) {
          cancelledWithTokens++;
          assertTrue(stats.ttftMillis() > 0, stats::toString);
        }
      }
      assertTrue(cancelledWithTokens > 0, "some cancels should land mid-answer");
    } finally {
      canceller.shutdownNow();
    }
    assertEquals(4, run(Prompt.ids(TestModels.promptIds(0)), GenerationSettings.greedy(4)).ids.size());
  }

  @Test
  void aCancelThatRacesTheEndOfTheAnswerDoesNothing() throws Exception {
    // The window's Stop can land as the answer ends: the cancel has taken the hook from the token just before
    // the generation closed its run options. It must find them closed and do nothing, not throw.
    java.util.concurrent.ScheduledExecutorService canceller =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      java.util.Random random = new java.util.Random(5);
      for (int i = 0; i < 300; i++) {
        CancellationToken cancel = new CancellationToken();
        java.util.concurrent.ScheduledFuture<?> stop =
            canceller.schedule(cancel::cancel, random.nextInt(3000), java.util.concurrent.TimeUnit.MICROSECONDS);
        backend.generate(new GenerationRequest(Prompt.ids(TestModels.promptIds(0)), GenerationSettings.greedy(2)),
            new RecordingSink(), cancel);
        stop.get(); // rethrows what the cancel hook threw
      }
    } finally {
      canceller.shutdownNow();
    }
  }

  @Test
  void answerStopsAtTheEndOfTheContextWindow() throws Exception {
    int context = backend.model().contextLength();
    int[] prompt = new int[context - 6];
    Arrays.fill(prompt, 100);
    GenerationStats stats = backend.generate(new GenerationRequest(Prompt.ids(prompt),
        GenerationSettings.greedy(50)), new RecordingSink(), new CancellationToken());
    assertEquals(StopReason.MAX_TOKENS, stats.stopReason());
    assertEquals(context, stats.promptTokens() + stats.generatedTokens());
  }

  @Test
  void promptLongerThanTheContextIsAClearError() {
    int[] prompt = new int[backend.model().contextLength() + 10];
    GenerationException e = assertThrows(GenerationException.class, () -> backend.generate(
        new GenerationRequest(Prompt.ids(prompt), GenerationSettings.greedy(4)), new RecordingSink(),
        new CancellationToken()));
    assertEquals("the prompt is 266 tokens but the model's context holds 256", e.getMessage());
  }

  @Test
  void tokenIdOutsideTheVocabularyIsAClearError() {
    GenerationException e = assertThrows(GenerationException.class, () -> backend.generate(
        new GenerationRequest(Prompt.ids(5, 100000), GenerationSettings.greedy(4)), new RecordingSink(),
        new CancellationToken()));
    assertEquals("token id 100000 is outside the model's vocabulary (0..511)", e.getMessage());
  }

  @Test
  void longConversationDropsOldestTurnsButKeepsSystemPrompt() throws Exception {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.system("Be brief."));
    for (int turn = 0; turn < 12; turn++) {
      messages.add(ChatMessage.user("Question number " + turn + " about the weather in the mountains today?"));
      messages.add(ChatMessage.assistant("Answer number " + turn + ": it is sunny with a light breeze."));
    }
    messages.add(ChatMessage.user("And tomorrow?"));
    int maxTokens = 32;
    PromptFit fit = PromptFit.fit(messages, backend.chatTemplate(), backend.tokenizer(),
        backend.model().contextLength(), maxTokens);
    assertTrue(fit.droppedMessages() > 0);
    assertEquals(0, fit.droppedMessages() % 2, "whole turns are dropped, never half of one");
    assertTrue(fit.ids().length + maxTokens <= backend.model().contextLength());
    String kept = backend.tokenizer().decode(fit.ids());
    assertTrue(kept.startsWith("system\nBe brief."), kept);
    assertTrue(kept.contains("And tomorrow?"));
    assertFalse(kept.contains("Question number 0 "));
    GenerationStats stats = backend.generate(new GenerationRequest(Prompt.chat(messages),
        GenerationSettings.greedy(maxTokens)), new RecordingSink(), new CancellationToken());
    assertEquals(fit.droppedMessages(), stats.droppedMessages());
    assertEquals(fit.ids().length, stats.promptTokens());
  }

  @Test
  void shortConversationDropsNothing() throws Exception {
    GenerationStats stats = backend.generate(new GenerationRequest(Prompt.chat(List.of(ChatMessage.user("hi"))),
        GenerationSettings.greedy(3)), new RecordingSink(), new CancellationToken());
    assertEquals(0, stats.droppedMessages());
  }
}
