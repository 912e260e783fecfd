package dev.pith.app.ui.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * What a million generated tokens cost in electricity: J/token × 1,000,000 tokens ÷ 3,600,000 J per kWh × the price
 * of a kWh. The page writes the sum out with the user's numbers, and works it out from the J/token as written (three
 * significant digits), so that anyone can check it by hand; the rounding is far below what a power meter can tell.
 */
public final class Cost {
  /** Joules in a kilowatt-hour. */
  public static final double JOULES_PER_KWH = 3_600_000;
  public static final double TOKENS = 1_000_000;
  private static final MathContext SHOWN = new MathContext(3, RoundingMode.HALF_EVEN);

  private Cost() {}

  /** The electricity for a million tokens at {@code joulesPerToken} and {@code pricePerKwh}, from the shown J/token. */
  public static double perMillionTokens(double joulesPerToken, double pricePerKwh) {
    return shown(joulesPerToken) * TOKENS / JOULES_PER_KWH * pricePerKwh;
  }

  /**
   * The sum with its numbers, e.g. {@code 0.524 J/token × 1,000,000 ÷ 3,600,000 J/kWh × 0.15 per kWh = 0.0218 per
   * 1M tokens}.
   */
  public static String formula(double joulesPerToken, double pricePerKwh) {
    return plain(shown(joulesPerToken)) + " J/token × 1,000,000 ÷ 3,600,000 J/kWh × " + plain(pricePerKwh)
        + " per kWh = " + money(perMillionTokens(joulesPerToken, pricePerKwh)) + " per 1M tokens";
  }

  /** A price as the page shows it: three significant digits, at least two decimals ({@code 0.0218}, {@code 2.50}). */
  public static String money(double value) {
    BigDecimal v = round(value);
    if (v.scale() < 2) {
      v = v.setScale(2, RoundingMode.HALF_EVEN);
    }
    return v.toPlainString();
  }

  /** {@code value} to three significant digits. */
  static double shown(double value) {
    return round(value).doubleValue();
  }

  /** Three significant digits, without trailing zeros or an exponent ({@code 0.524}, {@code 12.3}, {@code 1850}). */
  public static String plain(double value) {
    BigDecimal v = round(value).stripTrailingZeros();
    return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
  }

  private static BigDecimal round(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a number: " + value);
    }
    return value == 0 ? BigDecimal.ZERO : new BigDecimal(value).round(SHOWN);
  }
}
