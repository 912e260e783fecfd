package dev.pith.inference.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real model templates render exactly as Python's jinja2 renders them in transformers. */
class ChatTemplateTest {

  private static List<ChatMessage> messages(JsonNode list) {
    List<ChatMessage> out = new ArrayList<>();
    for (JsonNode m : list) {
      ChatMessage.Role role = ChatMessage.Role.valueOf(m.path("role").asText().toUpperCase(java.util.Locale.ROOT));
      out.add(new ChatMessage(role, m.path("content").asText()));
    }
    return out;
  }

  private static void assertRendersLikeJinja2(String name) throws Exception {
    JsonNode spec = TestModels.reference().path("templates").path(name);
    String source = Files.readString(TestModels.ROOT.getParent().resolve(spec.path("file").asText()),
        StandardCharsets.UTF_8);
    JsonNode context = spec.path("context");
    ChatTemplate template = ChatTemplate.of(source, context.path("bos_token").asText(""),
        context.path("eos_token").asText(""));
    for (JsonNode c : spec.path("cases")) {
      assertEquals(c.path("rendered").asText(), template.render(messages(c.path("messages")), true),
          name + " / " + c.path("name").asText());
    }
  }

  @Test
  void qwen25TemplateRendersLikeTransformers() throws Exception {
    assertRendersLikeJinja2("qwen2.5");
  }

  @Test
  void deepSeekR1DistillTemplateRendersLikeTransformers() throws Exception {
    assertRendersLikeJinja2("deepseek-r1-distill");
  }

  @Test
  void onlyAReasoningTemplateOpensTheThinkingPartItself() throws Exception {
    Path templates = TestModels.ROOT.getParent().resolve("templates");
    String r1 = Files.readString(templates.resolve("deepseek-r1-distill.jinja"), StandardCharsets.UTF_8);
    String qwen = Files.readString(templates.resolve("qwen2.5.jinja"), StandardCharsets.UTF_8);
    assertTrue(ChatTemplate.of(r1, "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>").opensThinking());
    assertFalse(ChatTemplate.of(qwen, "", "<|im_end|>").opensThinking());
    assertFalse(ChatTemplate.chatMl().opensThinking());
    assertFalse(ChatTemplate.of("{{ raise_exception('no') }}", "", "").opensThinking());
  }

  @Test
  void modelFolderTemplateIsUsedAndRendersTheReferenceChatPrompt() throws Exception {
    ChatTemplate template = ChatTemplate.load(TestModels.GENAI);
    JsonNode chat = TestModels.reference().path("chat");
    assertEquals(chat.path("rendered_prompt").asText(), template.render(messages(chat.path("messages")), true));
  }

  @Test
  void folderWithoutTemplateFallsBackToChatMl(@TempDir Path dir) throws Exception {
    ChatTemplate template = ChatTemplate.load(dir);
    assertTrue(template.isFallback());
    assertEquals("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
        template.render(List.of(ChatMessage.user("hi")), true));
    assertEquals("<|im_start|>user\nhi<|im_end|>\n", template.render(List.of(ChatMessage.user("hi")), false));
  }

  @Test
  void raiseExceptionInTemplateBecomesAnError() {
    ChatTemplate template = ChatTemplate.of(
        "{% if messages[0]['role'] != 'user' %}{{ raise_exception('Conversations must start with the user') }}"
            + "{% endif %}ok", "", "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> template.render(List.of(ChatMessage.assistant("x")), true));
    assertTrue(e.getMessage().contains("Conversations must start with the user"), e.getMessage());
    assertEquals("ok", template.render(List.of(ChatMessage.user("x")), true));
  }

  @Test
  void namedTemplatesInConfigUseTheDefaultOne(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("tokenizer_config.json"), new com.fasterxml.jackson.databind.ObjectMapper()
        .writeValueAsString(Map.of("eos_token", Map.of("content", "</s>"), "chat_template", List.of(
            Map.of("name", "tool_use", "template", "TOOLS"),
            Map.of("name", "default", "template", "{{ messages[0]['content'] }}{{ eos_token }}")))));
    ChatTemplate template = ChatTemplate.load(dir);
    assertEquals("hello</s>", template.render(List.of(ChatMessage.user("hello")), true));
  }
}
