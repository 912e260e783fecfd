package dev.pith.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.Prompt;
import dev.pith.inference.RecordingSink;
import dev.pith.inference.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backend keeps the conversation in its KV cache between turns: whatever it reuses, the answer must be
 * exactly the one a freshly loaded backend gives for the same prompt (greedy), for both cache forms
 * (GroupQueryAttention's shared buffer in the genai layout, chained presents cut by copying in the Optimum
 * layout).
 */
class MultiTurnTest {

  static Path[] layouts() {
    return TestModels.layouts().toArray(Path[]::new);
  }

  private record Answer(int[] ids, String text, GenerationStats stats) {}

  private static Answer ask(CpuBackend backend, Prompt prompt, int maxTokens) throws Exception {
    RecordingSink sink = new RecordingSink();
    GenerationStats stats = backend.generate(new GenerationRequest(prompt, GenerationSettings.greedy(maxTokens)),
        sink, new CancellationToken());
    return new Answer(sink.idArray(), sink.text(), stats);
  }

  /** The answer a backend with an empty cache gives. */
  private static Answer fresh(Path layout, Prompt prompt, int maxTokens) throws Exception {
    try (CpuBackend backend = CpuBackend.load(layout, CpuBackendOptions.defaults())) {
      return ask(backend, prompt, maxTokens);
    }
  }

  private static int[] concat(int[]... parts) {
    int[] out = new int[0];
    for (int[] p : parts) {
      int at = out.length;
      out = Arrays.copyOf(out, at + p.length);
      System.arraycopy(p, 0, out, at, p.length);
    }
    return out;
  }


  @ParameterizedTest
  @MethodSource("layouts")
  void nextTurnReadsOnlyTheNewTokensAndAnswersAsAFreshPrefill(Path layout) throws Exception {
    int[] first = TestModels.promptIds(1);
    int[] followUp = Arrays.copyOfRange(TestModels.promptIds(0), 0, 6);
    try (CpuBackend backend = CpuBackend.load(layout, CpuBackendOptions.defaults())) {
      Answer one = ask(backend, Prompt.ids(first), 12);
      assertEquals(0, one.stats().cachedPromptTokens());
      int[] second = concat(first, one.ids(), followUp);
      Answer two = ask(backend, Prompt.ids(second), 12);
      // Everything but the last answer token (generated, never fed) was in the cache.
      assertEquals(first.length + one.ids().length - 1, two.stats().cachedPromptTokens());
      Answer expected = fresh(layout, Prompt.ids(second), 12);
      assertEquals(0, expected.stats().cachedPromptTokens());
      assertArrayEquals(expected.ids(), two.ids());
    }
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void regenerateRewindsToTheQuestionAndGivesTheSameGreedyAnswer(Path layout) throws Exception {
    int[] prompt = TestModels.promptIds(1);
    try (CpuBackend backend = CpuBackend.load(layout, CpuBackendOptions.defaults())) {
      Answer one = ask(backend, Prompt.ids(prompt), 10);
      Answer again = ask(backend, Prompt.ids(prompt), 10);
      assertArrayEquals(one.ids(), again.ids());
      // Rewound to all but the prompt's last token, whose logits must be computed again.
      assertEquals(prompt.length - 1, again.stats().cachedPromptTokens());
    }
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void editedQuestionRewindsToTheFirstChangedTokenAndAnswersAsAFreshPrefill(Path layout) throws Exception {
    int[] history = TestModels.promptIds(2);
    int[] question = Arrays.copyOfRange(TestModels.promptIds(1), 0, 8);
    int[] edited = question.clone();
    edited[3] = (edited[3] + 1) % 500;
    try (CpuBackend backend = CpuBackend.load(layout, CpuBackendOptions.defaults())) {
      ask(backend, Prompt.ids(concat(history, question)), 10);
      Answer afterEdit = ask(backend, Prompt.ids(concat(history, edited)), 10);
      assertEquals(history.length + 3, afterEdit.stats().cachedPromptTokens());
      assertArrayEquals(fresh(layout, Prompt.ids(concat(history, edited)), 10).ids(), afterEdit.ids());
    }
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void chatTurnsThroughTheTemplateReuseTheHistory(Path layout) throws Exception {
    List<ChatMessage> chat = new ArrayList<>(List.of(
        ChatMessage.system("You are terse."), ChatMessage.user("Name a colour.")));
    try (CpuBackend backend = CpuBackend.load(layout, CpuBackendOptions.defaults())) {
      Answer one = ask(backend, Prompt.chat(chat), 8);
      int firstPrompt = one.stats().promptTokens();
      chat.add(ChatMessage.assistant(one.text()));
      chat.add(ChatMessage.user("And a fruit?"));
      Answer two = ask(backend, Prompt.chat(chat), 8);
      // The rendered history starts with the first prompt unchanged; the answer's text may re-tokenize
      // differently from the ids the model produced, so only the first prompt is certain to be reused.
      assertTrue(two.stats().cachedPromptTokens() >= firstPrompt,
          () -> "cached " + two.stats().cachedPromptTokens() + " of the first prompt's " + firstPrompt);
      assertArrayEquals(fresh(layout, Prompt.chat(chat), 8).ids(), two.ids());
    }
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void whenOldTurnsAreDroppedTheCacheIsReadAgainFromTheStart(Path layout) throws Exception {
    List<ChatMessage> chat = new ArrayList<>(List.of(ChatMessage.system("Be brief.")));
    CpuBackendOptions small = CpuBackendOptions.defaults().withContextLimit(96);
    try (CpuBackend backend = CpuBackend.load(layout, small)) {
      Answer last = null;
      for (int turn = 0; turn < 6; turn++) {
        chat.add(ChatMessage.user("Question number " + turn + " about the sea and the sky?"));
        last = ask(backend, Prompt.chat(chat), 6);
        chat.add(ChatMessage.assistant(last.text()));
      }
      assertTrue(last.stats().droppedMessages() > 0, "the window must have slid: " + last.stats());
      chat.remove(chat.size() - 1);
      try (CpuBackend fresh = CpuBackend.load(layout, small)) {
        assertArrayEquals(ask(fresh, Prompt.chat(chat), 6).ids(), last.ids());
      }
    }
  }
}
