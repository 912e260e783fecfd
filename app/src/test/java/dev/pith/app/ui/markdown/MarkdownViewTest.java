package dev.pith.app.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the view builds for each kind of block and inline, checked on the node tree. */
class MarkdownViewTest {
  @BeforeAll
  static void startJavaFx() throws Exception {
    Fx.start();
  }

  private static MarkdownView render(String markdown) throws Exception {
    return Fx.call(() -> {
      MarkdownView view = new MarkdownView(url -> {});
      view.setMarkdown(markdown);
      return view;
    });
  }

  @Test
  void headingsCarryTheirLevelAsStyleClass() throws Exception {
    MarkdownView view = render("# Title\n\ntext\n\n### Three\n\n###### Six");
    List<Node> blocks = view.getChildren();
    assertEquals(4, blocks.size());
    TextFlow h1 = assertInstanceOf(TextFlow.class, blocks.get(0));
    assertTrue(h1.getStyleClass().containsAll(List.of("md-heading", "md-h1")), h1.getStyleClass().toString());
    assertEquals("Title", Fx.text(h1));
    assertTrue(blocks.get(1).getStyleClass().contains("md-paragraph"));
    assertTrue(blocks.get(2).getStyleClass().contains("md-h3"));
    assertTrue(blocks.get(3).getStyleClass().contains("md-h6"));
    assertEquals("Six", Fx.text((TextFlow) blocks.get(3)));
  }

  @Test
  void emphasisStrongAndStrikethroughCombineAsStyleClasses() throws Exception {
    MarkdownView view = render("plain *em* **strong** ***both*** ~~gone~~ **bold *and em***");
    TextFlow flow = (TextFlow) view.getChildren().get(0);
    assertEquals("plain em strong both gone bold and em", Fx.text(flow));
    assertEquals(List.of("em"), runsWith(flow, "md-em", "md-strong", false));
    assertEquals(List.of("strong", "bold "), runsWith(flow, "md-strong", "md-em", false));
    assertEquals(List.of("both", "and em"), runsWith(flow, "md-strong", "md-em", true));
    assertEquals(List.of("gone"), Fx.all(flow, Text.class).stream()
        .filter(t -> t.getStyleClass().contains("md-strike")).map(Text::getText).toList());
  }

  /** Texts that have {@code styleClass}, and have ({@code other}) or lack ({@code !other}) {@code otherClass}. */
  private static List<String> runsWith(TextFlow flow, String styleClass, String otherClass, boolean other) {
    return Fx.all(flow, Text.class).stream()
        .filter(t -> t.getStyleClass().contains(styleClass) && t.getStyleClass().contains(otherClass) == other)
        .map(Text::getText).toList();
  }

  @Test
  void oneTildeIsNotStrikethroughBecauseModelsWriteItForAbout() throws Exception {
    MarkdownView view = render("takes ~5 minutes, or ~10 on battery");
    TextFlow flow = (TextFlow) view.getChildren().get(0);
    assertEquals("takes ~5 minutes, or ~10 on battery", Fx.text(flow));
    assertTrue(Fx.all(flow, Text.class).stream().noneMatch(t -> t.getStyleClass().contains("md-strike")));
  }

  @Test
  void adjacentPlainTextIsOneRun() throws Exception {
    MarkdownView view = render("a [not a link] b! c\nd");
    TextFlow flow = (TextFlow) view.getChildren().get(0);
    assertEquals(1, flow.getChildren().size());
    assertEquals("a [not a link] b! c d", Fx.text(flow));
  }

  @Test
  void shortInlineCodeIsABoxedLabelAndLongInlineCodeWraps() throws Exception {
    String longCode = "x".repeat(InlineRenderer.MAX_BOXED_CODE + 1);
    MarkdownView view = render("run `ls -la` or `" + longCode + "`");
    TextFlow flow = (TextFlow) view.getChildren().get(0);
    Label code = Fx.all(flow, Label.class).get(0);
    assertEquals("ls -la", code.getText());
    assertTrue(code.getStyleClass().contains("md-code"));
    Text long_ = Fx.all(flow, Text.class).stream().filter(t -> t.getText().equals(longCode)).findFirst().orElseThrow();
    assertTrue(long_.getStyleClass().contains("md-code-long"));
  }

  @Test
  void hardBreakIsANewlineAndSoftBreakASpace() throws Exception {
    MarkdownView view = render("one  \ntwo\nthree");
    assertEquals("one\ntwo three", Fx.text((TextFlow) view.getChildren().get(0)));
  }

  @Test
  void orderedListCountsFromItsStartNumberWithItsDelimiter() throws Exception {
    MarkdownView view = render("7. seven\n8. eight\n9. nine\n10. ten\n\ntext\n\n3) three\n4) four");
    VBox first = assertInstanceOf(VBox.class, view.getChildren().get(0));
    assertEquals(List.of("7.", "8.", "9.", "10."), markers(first));
    assertTrue(first.getStyleClass().containsAll(List.of("md-list", "md-tight")));
    assertEquals(List.of("3)", "4)"), markers((VBox) view.getChildren().get(2)));
  }

  @Test
  void nestedBulletListsChangeTheirBulletAndLooseListsAreMarked() throws Exception {
    MarkdownView view = render("- a\n\n- b\n  - inner\n    - deeper\n");
    VBox list = (VBox) view.getChildren().get(0);
    assertTrue(list.getStyleClass().contains("md-loose"), list.getStyleClass().toString());
    assertEquals(List.of("•", "•"), markers(list));
    List<String> allMarkers = Fx.all(list, Label.class).stream()
        .filter(l -> l.getStyleClass().contains("md-list-marker")).map(Label::getText).toList();
    assertEquals(List.of("•", "•", "◦", "▪"), allMarkers);
    HBox second = (HBox) list.getChildren().get(1);
    VBox content = (VBox) second.getChildren().get(1);
    assertEquals("b", Fx.text((TextFlow) content.getChildren().get(0)));
    assertTrue(content.getChildren().get(1).getStyleClass().contains("md-tight"));
  }

  private static List<String> markers(VBox list) {
    return list.getChildren().stream().map(row -> ((Label) ((HBox) row).getChildren().get(0)).getText()).toList();
  }

  @Test
  void fencedCodeShowsTheExactCodeAndTheFenceLanguage() throws Exception {
    MarkdownView view = render("```python title=\"x.py\"\ndef f():\n\treturn  1\n\n```\n");
    CodeBlockView code = assertInstanceOf(CodeBlockView.class, view.getChildren().get(0));
    assertEquals("def f():\n\treturn  1\n", code.code());
    assertEquals("python", code.language());
    Label language = Fx.all(code, Label.class).stream()
        .filter(l -> l.getStyleClass().contains("md-code-language")).findFirst().orElseThrow();
    assertTrue(language.isVisible());
    Text text = Fx.all(code, Text.class).stream()
        .filter(t -> t.getStyleClass().contains("md-code-text")).findFirst().orElseThrow();
    assertEquals(code.code(), text.getText());
  }

  @Test
  void indentedCodeHasNoLanguageLabel() throws Exception {
    MarkdownView view = render("text\n\n    int x = 1;\n    x++;\n");
    CodeBlockView code = assertInstanceOf(CodeBlockView.class, view.getChildren().get(1));
    assertEquals("int x = 1;\nx++;", code.code());
    assertEquals("", code.language());
    Label language = Fx.all(code, Label.class).stream()
        .filter(l -> l.getStyleClass().contains("md-code-language")).findFirst().orElseThrow();
    assertFalse(language.isVisible());
  }

  @Test
  void tableHasAHeaderRowCellsInPlaceAndColumnAlignments() throws Exception {
    MarkdownView view = render("| Name | Size | Speed |\n|:--|:-:|--:|\n| *a* | 1 | 42 |\n| b | 2 |\n");
    GridPane grid = Fx.all(view.getChildren().get(0), GridPane.class).get(0);
    assertEquals("Name", cell(grid, 0, 0).map(Fx::text).orElseThrow());
    assertEquals("42", cell(grid, 1, 2).map(Fx::text).orElseThrow());
    assertEquals("", cell(grid, 2, 2).map(Fx::text).orElseThrow(), "a short row is padded with an empty cell");
    assertTrue(cell(grid, 0, 1).orElseThrow().getStyleClass().contains("md-table-header"));
    assertFalse(cell(grid, 1, 1).orElseThrow().getStyleClass().contains("md-table-header"));
    assertEquals(TextAlignment.LEFT, cell(grid, 1, 0).orElseThrow().getTextAlignment());
    assertEquals(TextAlignment.CENTER, cell(grid, 1, 1).orElseThrow().getTextAlignment());
    assertEquals(TextAlignment.RIGHT, cell(grid, 1, 2).orElseThrow().getTextAlignment());
    assertEquals(HPos.RIGHT, GridPane.getHalignment(cell(grid, 0, 2).orElseThrow()));
    assertTrue(Fx.all(cell(grid, 1, 0).orElseThrow(), Text.class).get(0).getStyleClass().contains("md-em"));
  }

  private static java.util.Optional<TextFlow> cell(GridPane grid, int row, int column) {
    return grid.getChildren().stream()
        .filter(n -> GridPane.getRowIndex(n) == row && GridPane.getColumnIndex(n) == column)
        .map(TextFlow.class::cast).findFirst();
  }

  @Test
  void quoteRuleAndHtmlAreShownAsSuch() throws Exception {
    MarkdownView view = render("> quoted *text*\n\n---\n\n<div onclick=\"x()\">hi</div>\n\nsee <b>this</b>");
    assertTrue(view.getChildren().get(0).getStyleClass().contains("md-quote"));
    assertEquals("quoted text", Fx.text((TextFlow) ((VBox) view.getChildren().get(0)).getChildren().get(0)));
    assertInstanceOf(Separator.class, view.getChildren().get(1));
    TextFlow html = (TextFlow) view.getChildren().get(2);
    assertTrue(html.getStyleClass().contains("md-html"));
    assertEquals("<div onclick=\"x()\">hi</div>", Fx.text(html));
    assertEquals("see <b>this</b>", Fx.text((TextFlow) view.getChildren().get(3)));
  }

  @Test
  void linkReferenceDefinitionsShowNothingButMakeLinks() throws Exception {
    MarkdownView view = render("[the docs][d]\n\n[d]: https://example.com/docs");
    assertEquals(1, view.getChildren().size());
    LinkText link = Fx.all(view, LinkText.class).get(0);
    assertEquals("https://example.com/docs", link.url());
    assertEquals("the docs", link.getText());
  }

  @Test
  void emptyTextShowsNothing() throws Exception {
    MarkdownView view = render("# x");
    Fx.run(() -> view.setMarkdown(""));
    assertEquals(0, view.getChildren().size());
    assertEquals("", view.getMarkdown());
  }

  @Test
  void settingTextOffTheFxThreadFailsClearly() throws Exception {
    MarkdownView view = render("x");
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> view.setMarkdown("y"));
    assertTrue(error.getMessage().contains("JavaFX thread"));
    assertEquals("x", view.getMarkdown());
  }

  @Test
  void theStylesheetIsAddedByTheViewAndExists() throws Exception {
    MarkdownView view = render("x");
    assertTrue(view.getStylesheets().contains(MarkdownView.stylesheet()));
    try (var in = new java.net.URL(MarkdownView.stylesheet()).openStream()) {
      assertTrue(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains(".md-code-block"));
    }
  }
}
