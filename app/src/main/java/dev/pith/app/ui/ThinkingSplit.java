package dev.pith.app.ui;

/**
 * An answer of a reasoning model (DeepSeek-R1-Distill) split into its {@code <think>…</think>} part and the
 * answer proper, for the collapsible "Thinking" section.
 *
 * <p>Works on the text so far, so it can run at every UI update while the answer streams: a tag cut in two
 * at the end ({@code "</thi"}) is held back from both parts until the rest arrives. Reasoning templates
 * often end the prompt with {@code <think>} themselves, so the model's text then starts inside the thinking
 * part and only the closing tag appears: {@code startsThinking} says so.
 *
 * @param thinking the reasoning, trimmed; empty when there is none
 * @param answer the answer after the reasoning (or all of the text when there is no reasoning)
 * @param thinkingDone true once the closing tag has arrived (the section can collapse), or once the text
 *     has shown it holds no reasoning; false while it may still be reasoning
 */
public record ThinkingSplit(String thinking, String answer, boolean thinkingDone) {
  static final String OPEN = "<think>";
  static final String CLOSE = "</think>";

  /** Splits {@code text}; {@code startsThinking} when the prompt itself opened the thinking part. */
  public static ThinkingSplit of(String text, boolean startsThinking) {
    String rest = text;
    if (!startsThinking) {
      String lead = rest.stripLeading();
      if (lead.startsWith(OPEN)) {
        rest = lead.substring(OPEN.length());
      } else if (lead.isEmpty() || isCutTag(lead, OPEN)) {
        return new ThinkingSplit("", "", false); // nothing, or "<thi", so far: wait for the rest
      } else {
        return new ThinkingSplit("", text, true);
      }
    }
    int close = rest.indexOf(CLOSE);
    if (close >= 0) {
      return new ThinkingSplit(rest.substring(0, close).strip(), rest.substring(close + CLOSE.length()).stripLeading(),
          true);
    }
    return new ThinkingSplit(withoutCutTag(rest, CLOSE).strip(), "", false);
  }

  /**
   * Splits a finished answer, whichever model wrote it: a closing tag with no opening tag before it means
   * the prompt opened the thinking part.
   */
  public static ThinkingSplit ofFinished(String text) {
    int close = text.indexOf(CLOSE);
    return of(text, close >= 0 && !text.substring(0, close).contains(OPEN));
  }

  /** True when {@code text} is a non-empty proper beginning of {@code tag}. */
  private static boolean isCutTag(String text, String tag) {
    return !text.isEmpty() && text.length() < tag.length() && tag.startsWith(text);
  }

  /** {@code text} without a beginning of {@code tag} at its very end. */
  private static String withoutCutTag(String text, String tag) {
    for (int n = Math.min(tag.length() - 1, text.length()); n > 0; n--) {
      if (text.endsWith(tag.substring(0, n))) {
        return text.substring(0, text.length() - n);
      }
    }
    return text;
  }
}
