package dev.pith.storage.transfer;

import dev.pith.storage.StorageException;

/**
 * A file Pith cannot import. The message is one line that says what is wrong and where, as a path into the
 * file when there is one ({@code conversations[3].messages[12].role: unknown role 'wizard' (...)}; indexes
 * count from 0, as in jq). Nothing was imported: the import runs in one transaction.
 */
public class ImportException extends StorageException {
  private static final long serialVersionUID = 1L;
  /** Text quoted from a hostile file could be megabytes long; a message stays readable. */
  private static final int MAX_LENGTH = 400;

  public ImportException(String message) {
    super(printable(message));
  }

  /** A problem at {@code where} (a path like {@code conversations[3].title}; empty for the whole file). */
  public ImportException(String where, String problem) {
    this(where.isEmpty() ? problem : where + ": " + problem);
  }

  /** One line: line breaks and other control characters (quoted from the file) escaped, the length capped. */
  private static String printable(String message) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < message.length() && out.length() < MAX_LENGTH; i++) {
      char ch = message.charAt(i);
      switch (ch) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          boolean control = Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029';
          out.append(control ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
      }
    }
    if (i == message.length()) {
      return out.toString();
    }
    if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
      out.setLength(out.length() - 1);
    }
    return out + "...";
  }
}
