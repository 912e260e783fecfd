package dev.pith.app.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.commonmark.node.Block;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.SourceSpan;

/**
 * Shows a Markdown answer as JavaFX nodes: paragraphs that wrap, headings, lists, quotes, code blocks with a Copy
 * button, GFM tables, links that open only through the given opener, and images as links (never loaded).
 *
 * <p>Built for streaming: {@link #setMarkdown} is called up to once per pulse with the answer so far. When the new
 * text extends the old one, only the text from the first block that appended lines could still change is parsed
 * again (normally the last block); the nodes of every top-level block whose exact source text is unchanged are kept,
 * in order, and only the blocks that changed are built anew. A code block that is still growing is updated in
 * place. The one context a block's rendering depends on beyond its own text is the set of link reference
 * definitions ({@code [x]: https://...}), which can come later in the answer: text that may hold one is parsed
 * whole, and when the set changes every block is rebuilt.
 *
 * <p>Styles come from {@link #stylesheet()} (added by the view itself) and use AtlantaFX looked-up colours and
 * {@code em} sizes, so the app's themes and font scaling apply. Its preferred width is that of its longest
 * unwrapped line: give it a width (as a list cell does) and its text wraps to it. FX thread only.
 */
public final class MarkdownView extends VBox {
  static final String STYLE_CLASS = "markdown-view";
  private static final String STYLESHEET =
      Objects.requireNonNull(MarkdownView.class.getResource("markdown.css"), "markdown.css").toExternalForm();

  private final BlockRenderer renderer;
  private String markdown = "";
  private String linkDefinitions = "";
  /** What each child was built from: {@code blocks.get(i)} made {@code getChildren().get(i)}. */
  private List<Rendered> blocks = new ArrayList<>();
  private List<Rendered> nextBlocks = new ArrayList<>();
  private final List<Node> nextNodes = new ArrayList<>();

  /**
   * A top-level block as last rendered: its exact source text (for the last block, up to the end of the text),
   * where its lines lie in {@link #markdown} ({@code start} at a line start, {@code end} after its last character),
   * and whether later lines could still join it (a list can take an item after a blank line).
   */
  private record Rendered(String source, int start, int end, boolean open) {}

  /** @param linkOpener called with the URL only when the user clicks (or presses Enter/Space on) a link */
  public MarkdownView(Consumer<String> linkOpener) {
    this(linkOpener, CodeBlockView::copyToClipboard);
  }

  /** @param copier puts a code block's text on the clipboard (tests pass their own) */
  MarkdownView(Consumer<String> linkOpener, Consumer<String> copier) {
    Objects.requireNonNull(linkOpener, "linkOpener");
    Objects.requireNonNull(copier, "copier");
    this.renderer = new BlockRenderer(linkOpener, copier);
    getStyleClass().add(STYLE_CLASS);
    getStylesheets().add(STYLESHEET);
  }

  /** The stylesheet URL to add to the scene (or the view adds it itself via getStylesheets()). */
  public static String stylesheet() {
    return STYLESHEET;
  }

  /**
   * Replaces the text. Called up to once per JavaFX pulse while an answer streams (text grows at the end), so it
   * must be cheap: when the new text extends the old one, only the blocks from the last settled one on are parsed
   * again, and only the blocks whose source changed get new nodes. FX thread only.
   */
  public void setMarkdown(String markdown) {
    Objects.requireNonNull(markdown, "markdown");
    if (!Platform.isFxApplicationThread()) {
      throw new IllegalStateException("MarkdownView.setMarkdown must be called on the JavaFX thread");
    }
    if (markdown.equals(this.markdown)) {
      return;
    }
    boolean definitions = markdown.contains("]:"); // maybe a link definition: they reach across blocks
    int settled = !definitions && markdown.startsWith(this.markdown) ? settledBlocks() : 0;
    int offset = settled == 0 ? 0 : blocks.get(settled).start();
    this.markdown = markdown;
    org.commonmark.node.Node document =
        MarkdownSyntax.WITH_BLOCK_SPANS.parse(offset == 0 ? markdown : markdown.substring(offset));
    String fingerprint = definitions ? LinkDefinitions.of(document, markdown) : "";
    if (!fingerprint.equals(linkDefinitions)) {
      linkDefinitions = fingerprint;
      blocks.clear(); // nothing matches, so every block is rebuilt with the new definitions
    }
    collectBlocks(document, settled, offset);
    replaceChangedChildren();
  }

  /** The text last given to {@link #setMarkdown}, empty at first. */
  public String getMarkdown() {
    return markdown;
  }

  /**
   * How many leading blocks no appended text can change. Lines are parsed in order and a closed block never
   * reopens, so a block is final once a later block has begun after a blank line, the one exception being a list,
   * which takes a later item ({@code 1.} after {@code 1. a} and a blank line) or an indented paragraph. Without a
   * blank line the next line could still turn out to continue it (a {@code #} that becomes {@code #x} is a lazy
   * continuation of a quote, not a heading).
   */
  private int settledBlocks() {
    int first = blocks.size() - 1;
    while (first > 0 && (blocks.get(first - 1).open() || !blankLineBetween(first - 1, first))) {
      first--;
    }
    return Math.max(first, 0);
  }

  /** Whether a blank line separates two blocks: two line ends between them, as {@code after} starts a line. */
  private boolean blankLineBetween(int before, int after) {
    int lineEnd = markdown.indexOf('\n', blocks.get(before).end());
    return lineEnd >= 0 && lineEnd < blocks.get(after).start() - 1;
  }

  /**
   * Fills {@code nextBlocks}/{@code nextNodes}: the first {@code settled} blocks as they are, then the blocks of
   * {@code document} (parsed from {@code offset}), reusing old nodes where the source matches.
   */
  private void collectBlocks(org.commonmark.node.Node document, int settled, int offset) {
    ObservableList<Node> children = getChildren();
    nextBlocks.clear();
    nextNodes.clear();
    for (int i = 0; i < settled; i++) {
      nextBlocks.add(blocks.get(i));
      nextNodes.add(children.get(i));
    }
    for (org.commonmark.node.Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof LinkReferenceDefinition) {
        continue; // shows nothing; its effect is in the links that use it
      }
      Block block = (Block) node;
      int index = nextNodes.size();
      Rendered old = index < blocks.size() ? blocks.get(index) : null;
      List<SourceSpan> spans = block.getSourceSpans();
      if (spans.isEmpty()) { // not expected with IncludeSourceSpans.BLOCKS; never reused, never settled
        int at = nextBlocks.isEmpty() ? offset : nextBlocks.get(nextBlocks.size() - 1).end();
        nextBlocks.add(new Rendered(null, at, at, true));
        nextNodes.add(renderer.render(block));
        continue;
      }
      SourceSpan last = spans.get(spans.size() - 1);
      int start = markdown.lastIndexOf('\n', offset + spans.get(0).getInputIndex() - 1) + 1; // from line start
      int end = offset + last.getInputIndex() + last.getLength();
      // Blank lines have no source span, yet an unclosed fence or HTML block at the end takes them as content.
      int keyEnd = node.getNext() == null ? markdown.length() : end;
      boolean open = block instanceof ListBlock;
      if (old != null && old.source() != null && old.source().length() == keyEnd - start
          && markdown.startsWith(old.source(), start)) {
        nextBlocks.add(old.start() == start && old.end() == end ? old : new Rendered(old.source(), start, end, open));
        nextNodes.add(children.get(index));
      } else {
        nextBlocks.add(new Rendered(markdown.substring(start, keyEnd), start, end, open));
        nextNodes.add(updatedOrNew(index < children.size() ? children.get(index) : null, block));
      }
    }
  }

  /** A code block still being written keeps its view; everything else that changed is built anew. */
  private Node updatedOrNew(Node previous, Block block) {
    if (previous instanceof CodeBlockView code) {
      if (block instanceof FencedCodeBlock fenced) {
        code.update(BlockRenderer.language(fenced), PlainText.withoutFinalNewline(fenced.getLiteral()));
        return code;
      } else if (block instanceof IndentedCodeBlock indented) {
        code.update("", PlainText.withoutFinalNewline(indented.getLiteral()));
        return code;
      }
    }
    return renderer.render(block);
  }

  /** Keeps the unchanged leading children in the scene graph (no CSS or layout work for them). */
  private void replaceChangedChildren() {
    ObservableList<Node> children = getChildren();
    int same = 0;
    while (same < children.size() && same < nextNodes.size() && children.get(same) == nextNodes.get(same)) {
      same++;
    }
    if (same < children.size()) {
      children.remove(same, children.size());
    }
    if (same < nextNodes.size()) {
      children.addAll(nextNodes.subList(same, nextNodes.size()));
    }
    List<Rendered> swap = blocks;
    blocks = nextBlocks;
    nextBlocks = swap;
    nextNodes.clear();
  }
}
