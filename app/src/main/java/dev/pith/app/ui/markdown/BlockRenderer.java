package dev.pith.app.ui.markdown;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.ThematicBreak;

/**
 * Builds the JavaFX node of one Markdown block (and, recursively, of the blocks inside it). Layout is left to
 * {@code markdown.css}: every node gets an {@code md-} style class, and spacing, sizes (in {@code em}, so the
 * app's font scaling applies) and colours (AtlantaFX looked-up colours, so every theme applies) live there.
 */
final class BlockRenderer {
  private static final String[] BULLETS = {"•", "◦", "▪"};

  private final InlineRenderer inlines;
  private final TableRenderer tables;
  private final Consumer<String> copier;

  BlockRenderer(Consumer<String> linkOpener, Consumer<String> copier) {
    this.inlines = new InlineRenderer(linkOpener);
    this.tables = new TableRenderer(inlines);
    this.copier = copier;
  }

  /** The node for a top-level block, or {@code null} for a block that shows nothing (a link definition). */
  Node render(Block block) {
    return render(block, 0);
  }

  /** The language label of a fenced block: the first word of its info string ({@code ```python title=x}). */
  static String language(FencedCodeBlock block) {
    String info = block.getInfo() == null ? "" : block.getInfo().strip();
    int space = info.indexOf(' ');
    return space < 0 ? info : info.substring(0, space);
  }

  private Node render(Block block, int listDepth) {
    if (block instanceof Paragraph) {
      return inlines.flow(block, "md-paragraph");
    } else if (block instanceof Heading heading) {
      TextFlow flow = inlines.flow(heading, "md-heading");
      flow.getStyleClass().add("md-h" + heading.getLevel());
      return flow;
    } else if (block instanceof FencedCodeBlock code) {
      return new CodeBlockView(language(code), PlainText.withoutFinalNewline(code.getLiteral()), copier);
    } else if (block instanceof IndentedCodeBlock code) {
      return new CodeBlockView("", PlainText.withoutFinalNewline(code.getLiteral()), copier);
    } else if (block instanceof ListBlock list) {
      return list(list, listDepth);
    } else if (block instanceof BlockQuote) {
      return container(block, "md-quote", listDepth);
    } else if (block instanceof TableBlock table) {
      return tables.render(table);
    } else if (block instanceof ThematicBreak) {
      Separator separator = new Separator();
      separator.getStyleClass().add("md-rule");
      return separator;
    } else if (block instanceof HtmlBlock html) {
      // Shown as the literal source: rendering model-written HTML is neither needed nor safe.
      TextFlow flow = new TextFlow(new Text(PlainText.withoutFinalNewline(html.getLiteral())));
      flow.getStyleClass().add("md-html");
      return flow;
    } else if (block instanceof LinkReferenceDefinition) {
      return null;
    } else {
      return container(block, "md-block", listDepth); // a block type from an extension we do not know
    }
  }

  private VBox container(Block block, String styleClass, int listDepth) {
    VBox box = new VBox();
    box.getStyleClass().add(styleClass);
    addChildren(block, box, listDepth);
    return box;
  }

  private void addChildren(Block parent, VBox box, int listDepth) {
    for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
      Node node = child instanceof Block block ? render(block, listDepth) : null;
      if (node != null) {
        box.getChildren().add(node);
      }
    }
  }

  /**
   * A list is a column of rows, each a marker and the item's blocks. Ordered lists count from their own start
   * number; the marker column is wide enough for the longest number so that items line up.
   */
  private VBox list(ListBlock list, int listDepth) {
    VBox box = new VBox();
    box.getStyleClass().addAll("md-list", list.isTight() ? "md-tight" : "md-loose");
    OrderedList ordered = list instanceof OrderedList o ? o : null;
    int number = ordered == null ? 0 : PlainText.startNumber(ordered);
    String delimiter = ordered == null ? "" : PlainText.delimiter(ordered);
    String markerWidth = ordered == null ? "md-marker-bullet" : markerWidthClass(number, list);
    for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      Label marker = new Label(ordered == null ? BULLETS[listDepth % BULLETS.length] : (number++) + delimiter);
      marker.getStyleClass().addAll("md-list-marker", markerWidth);
      VBox content = new VBox();
      content.getStyleClass().add("md-list-item-content");
      addChildren((Block) item, content, listDepth + 1);
      HBox.setHgrow(content, Priority.ALWAYS);
      HBox row = new HBox(marker, content);
      row.getStyleClass().add("md-list-item");
      box.getChildren().add(row);
    }
    return box;
  }

  private static String markerWidthClass(int start, ListBlock list) {
    int last = start;
    for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      last++;
    }
    int digits = Integer.toString(Math.max(Math.abs(start), Math.abs(last - 1))).length();
    return digits <= 2 ? "md-marker-2" : digits == 3 ? "md-marker-3" : "md-marker-wide";
  }
}
