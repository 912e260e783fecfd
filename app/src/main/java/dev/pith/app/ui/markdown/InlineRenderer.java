package dev.pith.app.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Turns the inline content of a paragraph, heading or table cell into the children of a {@link TextFlow}, so the
 * text wraps to the width like prose.
 *
 * <p>Adjacent text of the same style is merged into one {@link Text} run (the parser splits text at every
 * {@code [}, {@code !} or rejected link), which keeps the node count, and so layout and CSS work, near one node
 * per style change. Styles are CSS classes ({@code md-em}, {@code md-strong}, {@code md-strike}) that combine, so
 * nested emphasis needs no special cases and font sizes stay relative to the root.
 *
 * <p>Inline HTML is shown as its literal text; images are never loaded (their alt text links to the target); link
 * targets that are not {@link MarkdownSyntax#isOpenable openable} are shown as plain text. Used on the FX thread,
 * one flow at a time: the run being gathered is kept in fields.
 */
final class InlineRenderer {
  /**
   * Inline code up to this many characters gets a boxed {@link Label} with a background; longer code becomes a
   * monospace {@link Text} without one, because a node embedded in a {@code TextFlow} cannot break across lines.
   */
  static final int MAX_BOXED_CODE = 40;

  private static final int EMPHASIS = 1;
  private static final int STRONG = 2;
  private static final int STRIKE = 4;

  private final Consumer<String> linkOpener;
  private final StringBuilder run = new StringBuilder();
  private int runStyle;
  private int style;
  private List<Node> out = new ArrayList<>();

  InlineRenderer(Consumer<String> linkOpener) {
    this.linkOpener = linkOpener;
  }

  /** A new flow with the given style class holding the inline children of {@code parent}. */
  TextFlow flow(org.commonmark.node.Node parent, String styleClass) {
    TextFlow flow = new TextFlow();
    flow.getStyleClass().add(styleClass);
    out = new ArrayList<>();
    style = 0;
    children(parent);
    flush();
    flow.getChildren().addAll(out);
    out = List.of();
    return flow;
  }

  private void children(org.commonmark.node.Node parent) {
    for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
      inline(child);
    }
  }

  private void inline(org.commonmark.node.Node node) {
    if (node instanceof org.commonmark.node.Text text) {
      append(text.getLiteral());
    } else if (node instanceof SoftLineBreak) {
      append(" ");
    } else if (node instanceof HardLineBreak) {
      append("\n");
    } else if (node instanceof Emphasis) {
      styled(node, EMPHASIS);
    } else if (node instanceof StrongEmphasis) {
      styled(node, STRONG);
    } else if (node instanceof Strikethrough) {
      styled(node, STRIKE);
    } else if (node instanceof Code code) {
      code(code.getLiteral());
    } else if (node instanceof Link link) {
      link(link.getDestination(), PlainText.inline(link));
    } else if (node instanceof Image image) {
      image(image.getDestination(), PlainText.inline(image));
    } else if (node instanceof HtmlInline html) {
      append(html.getLiteral());
    } else {
      children(node);
    }
  }

  private void styled(org.commonmark.node.Node node, int flag) {
    int outer = style;
    style |= flag;
    children(node);
    style = outer;
  }

  private void append(String text) {
    if (run.length() > 0 && runStyle != style) {
      flush();
    }
    runStyle = style;
    run.append(text);
  }

  private void flush() {
    if (run.length() > 0) {
      out.add(styledNode(new Text(run.toString()), runStyle));
      run.setLength(0);
    }
  }

  private void code(String literal) {
    flush();
    if (literal.length() <= MAX_BOXED_CODE) {
      Label label = new Label(literal);
      label.getStyleClass().add("md-code");
      label.setMinWidth(Region.USE_PREF_SIZE);
      out.add(styledNode(label, style));
    } else {
      Text text = new Text(literal);
      text.getStyleClass().add("md-code-long");
      out.add(styledNode(text, style));
    }
  }

  private void link(String url, String text) {
    String shown = text.isBlank() ? url : text;
    if (MarkdownSyntax.isOpenable(url)) {
      flush();
      out.add(styledNode(new LinkText(shown, url, linkOpener), style));
    } else {
      append(shown);
    }
  }

  /** An image is never fetched: a privacy promise (a remote image would tell a server that the answer was read). */
  private void image(String url, String alt) {
    flush();
    FontIcon icon = new FontIcon(Feather.IMAGE);
    icon.getStyleClass().add("md-image-icon");
    out.add(icon);
    append(" ");
    flush();
    String shown = alt.isBlank() ? url : alt;
    if (MarkdownSyntax.isOpenable(url)) {
      LinkText link = new LinkText(shown, url, linkOpener);
      link.getStyleClass().add("md-image-link");
      out.add(styledNode(link, style));
    } else {
      append(shown);
    }
  }

  private static Node styledNode(Node node, int flags) {
    if ((flags & EMPHASIS) != 0) {
      node.getStyleClass().add("md-em");
    }
    if ((flags & STRONG) != 0) {
      node.getStyleClass().add("md-strong");
    }
    if ((flags & STRIKE) != 0) {
      node.getStyleClass().add("md-strike");
    }
    return node;
  }
}
