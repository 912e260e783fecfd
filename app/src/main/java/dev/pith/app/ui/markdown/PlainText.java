package dev.pith.app.ui.markdown;

import java.util.Objects;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

/**
 * An answer as plain text, for "Read aloud", copying as text and tests: the words a reader sees in the
 * {@link MarkdownView}, without the markup.
 *
 * <p>Blocks are separated by a blank line; list items keep a {@code "- "} or {@code "3. "} marker and nested lists
 * are indented, so a list still reads as one; code blocks are kept verbatim (without fences); table cells are
 * separated by a tab, one row a line; links and images become their text (the target is dropped, a URL read aloud
 * helps nobody); HTML tags are removed, their text kept.
 */
public final class PlainText {
  private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");

  private final StringBuilder out = new StringBuilder();

  private PlainText() {}

  /** The readable text of {@code markdown}; no leading or trailing blank lines. */
  public static String of(String markdown) {
    Objects.requireNonNull(markdown, "markdown");
    PlainText text = new PlainText();
    text.container(MarkdownSyntax.PLAIN.parse(markdown), "", "", "\n\n");
    return text.out.toString();
  }

  /** The text of inline content (a paragraph, a link's label, an image's alt text), line breaks kept. */
  static String inline(Node parent) {
    StringBuilder text = new StringBuilder();
    appendInline(parent, text);
    return text.toString();
  }

  private static void appendInline(Node parent, StringBuilder text) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof Text t) {
        text.append(t.getLiteral());
      } else if (node instanceof Code code) {
        text.append(code.getLiteral());
      } else if (node instanceof SoftLineBreak) {
        text.append(' ');
      } else if (node instanceof HardLineBreak) {
        text.append('\n');
      } else {
        appendInline(node, text); // emphasis, links, images; inline HTML has no children, so its tags are dropped
      }
    }
  }

  /**
   * Writes the child blocks of {@code parent}: the first one's first line after {@code first}, every other line
   * after {@code rest} (the indentation of a list item), blocks separated by {@code separator}.
   */
  private void container(Node parent, String first, String rest, String separator) {
    boolean any = false;
    for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof LinkReferenceDefinition || child instanceof ThematicBreak) {
        continue;
      }
      if (any) {
        out.append(separator);
      }
      block(child, any ? rest : first, rest);
      any = true;
    }
    if (!any && !first.isEmpty()) {
      out.append(first.stripTrailing()); // an empty list item still shows its marker
    }
  }

  private void block(Node node, String first, String rest) {
    if (node instanceof Paragraph || node instanceof Heading) {
      lines(inline(node), first, rest);
    } else if (node instanceof FencedCodeBlock code) {
      lines(withoutFinalNewline(code.getLiteral()), first, rest);
    } else if (node instanceof IndentedCodeBlock code) {
      lines(withoutFinalNewline(code.getLiteral()), first, rest);
    } else if (node instanceof HtmlBlock html) {
      lines(HTML_TAG.matcher(html.getLiteral()).replaceAll("").strip(), first, rest);
    } else if (node instanceof ListBlock list) {
      list(list, first, rest);
    } else if (node instanceof TableBlock table) {
      table(table, first, rest);
    } else { // block quotes and anything an extension adds: their blocks
      container(node, first, rest, "\n\n");
    }
  }

  private void list(ListBlock list, String first, String rest) {
    String separator = list.isTight() ? "\n" : "\n\n";
    int number = list instanceof OrderedList ordered ? startNumber(ordered) : 0;
    String delimiter = list instanceof OrderedList ordered ? delimiter(ordered) : "";
    boolean any = false;
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      if (any) {
        out.append(separator);
      }
      String marker = list instanceof BulletList ? "- " : (number++) + delimiter + " ";
      String prefix = any ? rest : first;
      container(item, prefix + marker, rest + " ".repeat(marker.length()), separator);
      any = true;
    }
  }

  private void table(TableBlock table, String first, String rest) {
    boolean any = false;
    for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
      for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
        if (!(row instanceof TableRow)) {
          continue;
        }
        StringBuilder line = new StringBuilder();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
          if (cell instanceof TableCell) {
            line.append(cell == row.getFirstChild() ? "" : "\t").append(inline(cell).strip());
          }
        }
        if (any) {
          out.append('\n');
        }
        lines(line.toString(), any ? rest : first, rest);
        any = true;
      }
    }
  }

  private void lines(String text, String first, String rest) {
    int start = 0;
    boolean firstLine = true;
    while (true) {
      int end = text.indexOf('\n', start);
      out.append(firstLine ? first : rest).append(text, start, end < 0 ? text.length() : end);
      if (end < 0) {
        return;
      }
      out.append('\n');
      start = end + 1;
      firstLine = false;
    }
  }

  static int startNumber(OrderedList list) {
    return Objects.requireNonNullElse(list.getMarkerStartNumber(), 1);
  }

  static String delimiter(OrderedList list) {
    return Objects.requireNonNullElse(list.getMarkerDelimiter(), ".");
  }

  static String withoutFinalNewline(String literal) {
    return literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
  }
}
