package dev.pith.storage.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * The JSON export format, version {@value #VERSION}: its name, time format, limits and the Jackson factory
 * both directions use ({@link Fields} has the field names). README.md ("Export and import") documents it
 * field by field; keep them in step.
 */
final class TransferFormat {
  /** The value of the top-level {@code "format"} field. */
  static final String FORMAT_NAME = "pith-conversations";
  /**
   * The version written. Raise it only for a change an older Pith would read wrongly; a new optional field
   * does not need it (importers ignore fields they do not know).
   */
  static final int VERSION = 1;

  /**
   * The longest text (title, message, error) an import accepts, in characters. Reading a string of n
   * characters costs Jackson about 4n bytes of char buffers, then the String and SQLite's UTF-8 copy: some
   * 6n to 9n bytes at the peak. 16 Mi characters keeps that near 150 MB under the 384 MiB heap Pith runs
   * with, and is still a thousand times what a model with a 4,096-token context can read or write.
   */
  static final int MAX_TEXT_CHARS = 16 * 1024 * 1024;
  /**
   * How deep objects and arrays may nest. Version 1 needs 6 (root, conversations, conversation, messages,
   * message, metrics); the margin is for fields a later version may add.
   */
  static final int MAX_NESTING = 32;

  /*
   * There is no cap on the file's size or token count: the import streams, holding one message at a time
   * (texts capped above) plus the set of conversation ids, so memory does not grow with the file; an export
   * of a million messages is legitimately well over a gigabyte.
   */
  static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_TEXT_CHARS)
          .maxNestingDepth(MAX_NESTING)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // Emoji as 4-byte UTF-8, readable in any editor, rather than as escaped surrogate pairs.
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  /** Times in UTC with exactly three fraction digits: {@code 2026-01-01T09:30:00.000Z}. */
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private TransferFormat() {}

  static String time(Instant t) {
    return TIME.format(t);
  }
}
