package dev.pith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pith.inference.ChatMessage;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ThreadPromptTest {
  private final UUID conversation = UUID.randomUUID();
  private final Message question = Message.written(conversation, null, Role.USER, "Hello", Instant.EPOCH);

  @Test
  void aSystemPromptIsTheFirstMessageOfThePrompt() {
    assertEquals(List.of(ChatMessage.system("Answer in French."), ChatMessage.user("Hello")),
        ThreadPrompt.messages("  Answer in French.\n", List.of(question)));
  }

  @Test
  void aBlankSystemPromptAddsNothing() {
    assertEquals(List.of(ChatMessage.user("Hello")), ThreadPrompt.messages(" \n", List.of(question)));
    assertEquals(ThreadPrompt.messages(List.of(question)), ThreadPrompt.messages("", List.of(question)));
  }
}
