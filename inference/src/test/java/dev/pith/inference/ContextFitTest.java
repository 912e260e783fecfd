package dev.pith.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Dropping turns with a counter that is not a tokenizer: one token per character, as the NPU's estimate plugs in. */
class ContextFitTest {
  private static int chars(List<ChatMessage> messages) {
    return messages.stream().mapToInt(m -> m.content().length()).sum();
  }

  @Test
  void dropsWholeTurnsOldestFirstAndKeepsTheSystemMessage() throws Exception {
    List<ChatMessage> chat = List.of(ChatMessage.system("SS"), ChatMessage.user("u1u1"), ChatMessage.assistant("a1a1"),
        ChatMessage.user("u2u2"), ChatMessage.assistant("a2a2"), ChatMessage.user("u3"));
    ContextFit.Fitted<Integer> fit = ContextFit.fit(chat, ContextFitTest::chars, Integer::intValue, 20, 6);
    assertEquals(List.of(ChatMessage.system("SS"), ChatMessage.user("u2u2"), ChatMessage.assistant("a2a2"),
        ChatMessage.user("u3")), fit.kept());
    assertEquals(2, fit.droppedMessages());
    assertEquals(12, fit.tokens());
    assertEquals(6, fit.maxNewTokens());
  }

  @Test
  void whenNothingMoreCanGoTheAnswerGetsWhatIsLeft() throws Exception {
    List<ChatMessage> chat = List.of(ChatMessage.system("SSSS"), ChatMessage.user("uuuuuu"));
    ContextFit.Fitted<Integer> fit = ContextFit.fit(chat, ContextFitTest::chars, Integer::intValue, 16, 100);
    assertEquals(0, fit.droppedMessages());
    assertEquals(6, fit.maxNewTokens());
    GenerationException e = assertThrows(GenerationException.class,
        () -> ContextFit.fit(chat, ContextFitTest::chars, Integer::intValue, 10, 1));
    assertEquals("the prompt is 10 tokens but the model's context holds 10; shorten the message or the system prompt",
        e.getMessage());
  }
}
