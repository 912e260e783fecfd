package dev.pith.app.ui.markdown;

import java.util.List;
import java.util.Locale;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The one Markdown dialect of the app: CommonMark plus GFM tables and {@code ~~strikethrough~~}, and the rule for
 * which link targets may leave the app. The view and {@link PlainText} share it so both read an answer alike.
 *
 * <p>Strikethrough needs two tildes: models write "~5 minutes" for "about", and one tilde would strike through
 * everything up to the next one. Parsers are immutable and thread-safe, so one of each is shared.
 */
final class MarkdownSyntax {
  private static final List<Extension> EXTENSIONS = List.of(
      TablesExtension.create(), StrikethroughExtension.builder().requireTwoTildes(true).build());

  /** Records where each block starts and ends in the input, so the view can reuse unchanged blocks. */
  static final Parser WITH_BLOCK_SPANS = Parser.builder()
      .extensions(EXTENSIONS)
      .includeSourceSpans(IncludeSourceSpans.BLOCKS)
      .build();

  static final Parser PLAIN = Parser.builder().extensions(EXTENSIONS).build();

  private static final List<String> OPENABLE_SCHEMES = List.of("https://", "http://", "mailto:");

  private MarkdownSyntax() {}

  /**
   * Whether a link target may be handed to the link opener: only web pages and mail. Anything else
   * ({@code javascript:}, {@code file:}, relative paths, custom schemes) is shown as text, because the answer
   * comes from a model and a click must never run or open something local.
   */
  static boolean isOpenable(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    for (String scheme : OPENABLE_SCHEMES) {
      if (lower.startsWith(scheme) && lower.length() > scheme.length()) {
        return true;
      }
    }
    return false;
  }
}
