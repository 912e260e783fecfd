package dev.pith.app.ui.stats;

import dev.pith.app.ui.settings.NumberRange;

/**
 * The two prices of the Stats page's cost panel, in the user's own currency (Pith shows no currency sign).
 *
 * @param electricityPerKwh what a kilowatt-hour of electricity costs
 * @param cloudPer1MTokens what a cloud model charges for a million generated tokens; null until the user types it
 */
public record CostPrefs(double electricityPerKwh, Double cloudPer1MTokens) {
  public static final NumberRange ELECTRICITY = NumberRange.decimal(0, 100);
  public static final NumberRange CLOUD = NumberRange.decimal(0, 100_000);
  public static final CostPrefs DEFAULT = new CostPrefs(0.15, null);

  public CostPrefs {
    if (!ELECTRICITY.contains(electricityPerKwh)) {
      throw new IllegalArgumentException("electricity price out of range: " + electricityPerKwh);
    }
    if (cloudPer1MTokens != null && !CLOUD.contains(cloudPer1MTokens)) {
      throw new IllegalArgumentException("cloud price out of range: " + cloudPer1MTokens);
    }
  }

  public CostPrefs withElectricity(double perKwh) {
    return new CostPrefs(perKwh, cloudPer1MTokens);
  }

  public CostPrefs withCloud(Double per1MTokens) {
    return new CostPrefs(electricityPerKwh, per1MTokens);
  }
}
