package dev.pith.inference.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a conversation into the model's prompt text with the model's own Jinja {@code chat_template}
 * (from {@code chat_template.jinja} or {@code tokenizer_config.json}), rendered the way Hugging Face
 * transformers renders it (trim_blocks, lstrip_blocks, {@code raise_exception}). Models without a
 * template get ChatML, which is what Qwen models use.
 */
public final class ChatTemplate {
  static final String CHATML =
      "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content']"
          + " + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}"
          + "{% endif %}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Jinjava JINJAVA = createEngine();

  private final String source;
  private final boolean fallback;
  private final String bosToken;
  private final String eosToken;

  ChatTemplate(String source, boolean fallback, String bosToken, String eosToken) {
    this.source = source;
    this.fallback = fallback;
    this.bosToken = bosToken;
    this.eosToken = eosToken;
  }

  /** Reads the template and the BOS/EOS token texts of a model folder; ChatML when there is none. */
  public static ChatTemplate load(Path modelDir) throws ModelLoadException {
    JsonNode config = readConfig(modelDir.resolve("tokenizer_config.json"));
    String bos = tokenText(config.path("bos_token"));
    String eos = tokenText(config.path("eos_token"));
    Path jinjaFile = modelDir.resolve("chat_template.jinja");
    String template;
    try {
      template = Files.isRegularFile(jinjaFile)
          ? Files.readString(jinjaFile, StandardCharsets.UTF_8)
          : templateFromConfig(config.path("chat_template"));
    } catch (IOException e) {
      throw new ModelLoadException(jinjaFile + " could not be read: " + e.getMessage(), e);
    }
    return template == null ? chatMl() : new ChatTemplate(template, false, bos, eos);
  }

  /** A template given as text (tests, or a template chosen by the user). */
  public static ChatTemplate of(String source, String bosToken, String eosToken) {
    return new ChatTemplate(source, false, bosToken, eosToken);
  }

  public static ChatTemplate chatMl() {
    return new ChatTemplate(CHATML, true, "", "<|im_end|>");
  }

  /** True when the model had no template and ChatML is used. */
  public boolean isFallback() {
    return fallback;
  }

  /**
   * True when the template ends the prompt with {@code <think>} itself (DeepSeek-R1-Distill), so the
   * model's answer starts inside its reasoning and only the closing {@code </think>} appears in it.
   */
  public boolean opensThinking() {
    try {
      return render(List.of(ChatMessage.user("?")), true).stripTrailing().endsWith("<think>");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public String eosToken() {
    return eosToken;
  }

  /**
   * Renders the conversation.
   *
   * @param addGenerationPrompt append the header that starts the assistant's answer
   * @throws IllegalArgumentException when the template rejects the conversation (its
   *     {@code raise_exception}) or cannot be rendered
   */
  public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    List<Map<String, Object>> list = new ArrayList<>(messages.size());
    for (ChatMessage m : messages) {
      Map<String, Object> map = new HashMap<>();
      map.put("role", m.role().wireName());
      map.put("content", m.content());
      list.add(map);
    }
    Map<String, Object> context = new HashMap<>();
    context.put("messages", list);
    context.put("add_generation_prompt", addGenerationPrompt);
    context.put("bos_token", bosToken);
    context.put("eos_token", eosToken);
    RenderResult result = JINJAVA.renderForResult(source, context);
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new IllegalArgumentException("chat template: " + OneLine.of(messageOf(error)));
      }
    }
    return result.getOutput();
  }

  /** Called by templates as {@code raise_exception('...')}, as in transformers. */
  public static String raiseException(String message) {
    throw new TemplateRaised(message);
  }

  /** The template's own words when it rejected the conversation, else the engine's message. */
  private static String messageOf(TemplateError error) {
    for (Throwable t = error.getException(); t != null; t = t.getCause()) {
      if (t instanceof TemplateRaised) {
        return t.getMessage();
      }
    }
    return error.getMessage();
  }

  /** What {@code raise_exception} throws, so its message can be told apart from engine errors. */
  private static final class TemplateRaised extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TemplateRaised(String message) {
      super(message, null, false, false);
    }
  }

  private static Jinjava createEngine() {
    Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder()
        .withTrimBlocks(true)
        .withLstripBlocks(true)
        .withFailOnUnknownTokens(false)
        .withLegacyOverrides(LegacyOverrides.newBuilder()
            .withParseWhitespaceControlStrictly(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withUseSnakeCasePropertyNaming(true)
            .build())
        .build());
    jinjava.getGlobalContext().registerFunction(
        new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raiseException", String.class));
    return jinjava;
  }

  private static JsonNode readConfig(Path file) throws ModelLoadException {
    if (!Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(file.toFile());
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      throw new ModelLoadException(file + " is not valid JSON: " + OneLine.of(e.getMessage()), e);
    }
  }

  private static String templateFromConfig(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isArray()) {
      // Named templates: [{"name": "default", "template": "..."}, {"name": "tool_use", ...}]
      for (JsonNode named : node) {
        if ("default".equals(named.path("name").asText())) {
          return named.path("template").asText();
        }
      }
    }
    return null;
  }

  /** A special token in tokenizer_config.json is either a string or {"content": "..."}. */
  private static String tokenText(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isObject()) {
      return node.path("content").asText("");
    }
    return "";
  }
}
