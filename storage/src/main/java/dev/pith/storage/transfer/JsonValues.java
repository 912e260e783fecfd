package dev.pith.storage.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the value a parser stands on as the type a field needs. A value of the wrong type or form is an
 * {@link ImportException} that names where it is ({@code conversations[3].messages[12].created}).
 */
final class JsonValues {
  // UUID.fromString also takes "1-2-3-4-5"; the format has the canonical 8-4-4-4-12 form only.
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final JsonParser p;

  JsonValues(JsonParser p) {
    this.p = p;
  }

  /** Where the parser stands, as a path: {@code conversations[3].messages[12].role}; empty at the top. */
  String where() {
    return path(p.getParsingContext());
  }

  /** A problem with the value the parser stands on. */
  ImportException problem(String problem) {
    return new ImportException(where(), problem);
  }

  String text() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw expected("text");
    }
    try {
      return p.getText();
    } catch (StreamConstraintsException e) {
      throw problem(String.format(Locale.ROOT, "a text longer than %,d characters, the most Pith imports",
          TransferFormat.MAX_TEXT_CHARS));
    }
  }

  String textOrNull() throws IOException {
    return isNull() ? null : text();
  }

  UUID uuid() throws IOException {
    String text = text();
    if (!UUID_TEXT.matcher(text).matches()) {
      throw problem("'" + shortened(text) + "' is not a UUID");
    }
    return UUID.fromString(text);
  }

  UUID uuidOrNull() throws IOException {
    return isNull() ? null : uuid();
  }

  /** An ISO-8601 instant; Pith keeps milliseconds. */
  Instant time() throws IOException {
    String text = text();
    try {
      Instant t = Instant.parse(text);
      t.toEpochMilli(); // the database stores milliseconds: refuse what they cannot hold
      return t;
    } catch (DateTimeException | ArithmeticException e) {
      throw problem("'" + shortened(text) + "' is not a time like 2026-01-01T09:30:00.000Z");
    }
  }

  boolean bool() throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw expected("true or false");
    }
    return t == JsonToken.VALUE_TRUE;
  }

  int wholeNumber() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw expected("a whole number");
    }
    if (p.getNumberType() != JsonParser.NumberType.INT) {
      throw problem(p.getText() + " is too large");
    }
    return p.getIntValue();
  }

  Integer wholeNumberOrNull() throws IOException {
    return isNull() ? null : wholeNumber();
  }

  Double numberOrNull() throws IOException {
    if (isNull()) {
      return null;
    }
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw expected("a number");
    }
    double value = p.getDoubleValue();
    if (!Double.isFinite(value)) {
      throw problem(p.getText() + " is too large");
    }
    return value;
  }

  /** A text that names one of a few values ({@code Role::of}); {@code of}'s IllegalArgumentException says why not. */
  <T> T oneOf(Function<String, T> of) throws IOException {
    String text = text();
    try {
      return of.apply(text);
    } catch (IllegalArgumentException e) {
      throw problem(e.getMessage());
    }
  }

  /** "a list", "text", ...: what a token is, for messages. */
  static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the file";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "text";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  private boolean isNull() {
    return p.currentToken() == JsonToken.VALUE_NULL;
  }

  /** "expected a whole number, found 1.5"; other values by kind ("found text"), never quoted at length. */
  private ImportException expected(String what) throws IOException {
    JsonToken t = p.currentToken();
    boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    return problem("expected " + what + ", found " + (number ? p.getText() : describe(t)));
  }

  /** At most 60 characters of a quoted value (never half an emoji). */
  private static String shortened(String text) {
    if (text.length() <= 60) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(56)) ? 56 : 57;
    return text.substring(0, end) + "...";
  }

  private static String path(JsonStreamContext c) {
    if (c == null || c.inRoot()) {
      return "";
    }
    String parent = path(c.getParent());
    if (c.inArray()) {
      return c.getCurrentIndex() < 0 ? parent : parent + "[" + c.getCurrentIndex() + "]";
    }
    String name = c.getCurrentName();
    if (name == null) {
      return parent;
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }
}
