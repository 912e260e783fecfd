package dev.pith.app.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownSyntaxTest {
  @ParameterizedTest
  @ValueSource(strings = {"https://example.com", "http://localhost:8080/x", "HTTPS://EXAMPLE.COM", "mailto:a@b.c"})
  void webAndMailLinksMayBeOpened(String url) {
    assertTrue(MarkdownSyntax.isOpenable(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd", "/relative", "#anchor",
      "data:text/html,x", "vbscript:x", "ftp://example.com", "https://", "mailto:", "", " https://example.com",
      "smb://server/share", "jar:file:/x!/y"})
  void everythingElseStaysText(String url) {
    assertFalse(MarkdownSyntax.isOpenable(url));
  }
}
