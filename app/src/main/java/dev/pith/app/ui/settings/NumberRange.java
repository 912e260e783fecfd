package dev.pith.app.ui.settings;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The values a number setting accepts, inclusive at both ends, and how to say so.
 *
 * @param min the smallest accepted value
 * @param max the largest accepted value
 * @param whole only whole numbers (token counts, threads)
 */
public record NumberRange(double min, double max, boolean whole) {
  public NumberRange {
    if (!(min <= max)) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
  }

  public static NumberRange decimal(double min, double max) {
    return new NumberRange(min, max, false);
  }

  public static NumberRange wholeNumbers(int min, int max) {
    return new NumberRange(min, max, true);
  }

  public boolean contains(double value) {
    return value >= min && value <= max && (!whole || value == Math.rint(value));
  }

  /** "0 – 2", for a setting's description. */
  public String describe() {
    return format(min) + " – " + format(max);
  }

  /** What to type instead of a refused value: "Enter a number from 0 to 2." */
  public String problem() {
    return "Enter a " + (whole ? "whole number" : "number") + " from " + format(min) + " to " + format(max) + ".";
  }

  /**
   * Parses what the user typed: a decimal point or comma, surrounding spaces allowed; null when it is not a
   * number in this range.
   */
  public Double parse(String text) {
    String t = text.strip().replace(',', '.');
    if (t.isEmpty() || !t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)")) {
      return null;
    }
    double value = Double.parseDouble(t);
    return contains(value) ? value : null;
  }

  /** A value as it is shown and typed: no exponent, no trailing zeros ("0.7", "4096"). */
  public static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
