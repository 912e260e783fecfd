package dev.pith.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * Writes JSON objects as single lines. Non-ASCII characters are escaped, so a line survives any terminal
 * or pipe encoding; NaN and infinities become {@code null} (JSON has no such numbers).
 */
final class JsonLines {
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private JsonLines() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Puts {@code value}, or null when it is not a finite number. */
  static ObjectNode putNumber(ObjectNode node, String name, double value) {
    node.set(name, finiteOrNull(value));
    return node;
  }

  /** {@code value} as a JSON number, or JSON null when it is not a finite number. */
  static JsonNode finiteOrNull(double value) {
    return Double.isFinite(value) ? DoubleNode.valueOf(value) : NullNode.getInstance();
  }

  /** The object as one line of JSON, without a line break. */
  static String line(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a JSON line", e);
    }
  }

  /** The object as an indented JSON document for people to read too, without a final line break. */
  static String document(ObjectNode node) {
    try {
      return PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a JSON document", e);
    }
  }
}
