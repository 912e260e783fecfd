package dev.pith.app.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlainTextTest {
  @Test
  void inlineMarkupIsRemovedAndItsTextKept() {
    assertEquals("Use the new API, not the old one (struck text stays), see the docs.",
        PlainText.of("Use the **new** `API`, *not* the old one (~~struck~~ text stays), see "
            + "[the docs](https://example.com)."));
  }

  @Test
  void blocksAreSeparatedByABlankLine() {
    assertEquals("Title\n\nFirst paragraph\ncontinues.\n\nSecond.",
        PlainText.of("# Title\n\nFirst paragraph  \ncontinues.\n\n---\n\nSecond."));
  }

  @Test
  void codeBlocksAreKeptVerbatimWithoutFences() {
    assertEquals("Run:\n\nfor i in 1 2; do\n  echo \"*$i*\"\ndone\n\nindented  code",
        PlainText.of("Run:\n\n```bash\nfor i in 1 2; do\n  echo \"*$i*\"\ndone\n```\n\n    indented  code\n"));
  }

  @Test
  void anUnclosedFenceIsCodeToo() {
    assertEquals("x\n\n**not bold**", PlainText.of("x\n\n```\n**not bold**"));
  }

  @Test
  void listsKeepTheirMarkersNumbersAndNesting() {
    assertEquals("3. three\n4. four\n   - inner *x*\n   - two\n5. five",
        PlainText.of("3. three\n4. four\n   - inner \\*x\\*\n   - two\n5. five"));
    assertEquals("- a\n\n- b\n\n  second paragraph", PlainText.of("- a\n\n- b\n\n  second paragraph"));
  }

  @Test
  void quotesBecomeTheirText() {
    assertEquals("quoted\n\nmore", PlainText.of("> quoted\n>\n> more"));
  }

  @Test
  void tablesAreOneRowALineWithTabsBetweenCells() {
    assertEquals("Name\tSize\nQwen\t1 GB\nPhi\t",
        PlainText.of("| Name | Size |\n|--|--:|\n| **Qwen** | 1 GB |\n| Phi |"));
  }

  @Test
  void imagesBecomeTheirAltTextAndHtmlLosesItsTags() {
    assertEquals("a cat and bold\n\nhello",
        PlainText.of("![a cat](https://x/cat.png) and <b>bold</b>\n\n<div>hello</div>"));
  }

  @Test
  void linkDefinitionsAreNotText() {
    String text = PlainText.of("See [it][r].\n\n[r]: https://example.com \"Title\"");
    assertEquals("See it.", text);
    assertFalse(text.contains("example.com"));
  }

  @Test
  void emptyAndBlankGiveEmptyText() {
    assertEquals("", PlainText.of(""));
    assertEquals("", PlainText.of("  \n\n"));
    assertTrue(PlainText.of("- ").startsWith("-"), "an empty item keeps its marker");
  }
}
