package dev.pith.storage.transfer;

import dev.pith.storage.model.Conversation;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File names for conversations exported to one folder: readable (from the title), safe on every system Pith
 * runs on, and unique within the folder.
 *
 * <p>A name is the title's letters and digits, every other run of characters (slashes, dots, control and
 * invisible formatting characters, emoji, spaces) made one {@code -}, cut to {@value #MAX_TITLE_BYTES} bytes
 * of UTF-8, then {@code -} and the first 8 hex digits of the conversation's id, then {@code .md}:
 * {@code Crème-brûlée-für-Anfänger-22222222.md}. So a name never has a path separator, never starts with a
 * dot, and is never a Windows device name (CON, NUL, COM1 ...: the id always follows, and no dot comes from
 * the title, so the part before the first dot is never the bare device name). When two names would differ
 * only in letter case, the later conversation gets its full id instead of the short one.
 */
final class MarkdownFileNames {
  static final int MAX_TITLE_BYTES = 80;
  private static final String EXTENSION = ".md";
  private static final int SHORT_ID = 8;

  /** Names given so far, lower-cased: some file systems ignore case. */
  private final Set<String> used = new HashSet<>();

  /** The name for {@code c}, different from every name this instance gave before. */
  String next(Conversation c) {
    String title = fromTitle(c.title());
    String id = c.id().toString();
    String name = title + "-" + id.substring(0, SHORT_ID) + EXTENSION;
    for (int n = 2; !used.add(name.toLowerCase(Locale.ROOT)); n++) {
      name = title + "-" + id + (n == 2 ? "" : "-" + n) + EXTENSION;
    }
    return name;
  }

  /** The safe, readable part of a name that comes from the title; {@code untitled} when nothing is left. */
  static String fromTitle(String title) {
    String text = Normalizer.normalize(title, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    boolean gap = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!kept(cp)) {
        gap = true;
        continue;
      }
      boolean dash = gap && out.length() > 0;
      int more = utf8Length(cp) + (dash ? 1 : 0);
      if (bytes + more > MAX_TITLE_BYTES) {
        break;
      }
      if (dash) {
        out.append('-');
      }
      out.appendCodePoint(cp);
      bytes += more;
      gap = false;
    }
    return out.length() == 0 ? "untitled" : out.toString();
  }

  /** Letters, digits and the accents that combine with them. */
  private static boolean kept(int cp) {
    int type = Character.getType(cp);
    return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
}
