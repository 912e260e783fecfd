package dev.pith.app.ui.theme;

/**
 * How the window looks, as the user left it.
 *
 * @param dark the dark theme (the default) rather than the light one
 * @param highContrast stronger text, borders and focus ring on either theme
 * @param fontSize the base font size in pixels; everything else is sized in em from it
 */
public record Appearance(boolean dark, boolean highContrast, double fontSize) {
  public static final double DEFAULT_FONT_SIZE = 14;
  public static final double MIN_FONT_SIZE = 10;
  public static final double MAX_FONT_SIZE = 32;
  public static final Appearance DEFAULT = new Appearance(true, false, DEFAULT_FONT_SIZE);

  public Appearance {
    if (!(fontSize >= MIN_FONT_SIZE && fontSize <= MAX_FONT_SIZE)) {
      fontSize = DEFAULT_FONT_SIZE; // a hand-edited or damaged setting
    }
  }

  public Appearance withDark(boolean d) {
    return new Appearance(d, highContrast, fontSize);
  }

  public Appearance withHighContrast(boolean h) {
    return new Appearance(dark, h, fontSize);
  }

  /** The font {@code steps} sizes larger (negative: smaller), within the limits. */
  public Appearance withFontSteps(int steps) {
    double size = Math.max(MIN_FONT_SIZE, Math.min(MAX_FONT_SIZE, fontSize + steps));
    return new Appearance(dark, highContrast, size);
  }

  public Appearance withDefaultFontSize() {
    return new Appearance(dark, highContrast, DEFAULT_FONT_SIZE);
  }
}
