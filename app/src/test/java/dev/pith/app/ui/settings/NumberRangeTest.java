package dev.pith.app.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumberRangeTest {
  @Test
  void parsesWhatPeopleTypeWithinTheRange() {
    NumberRange r = NumberRange.decimal(0, 2);
    assertEquals(0.7, r.parse(" 0.7 "));
    assertEquals(0.7, r.parse("0,7"));
    assertEquals(0.5, r.parse(".5"));
    assertEquals(2.0, r.parse("2"));
    assertNull(r.parse("abc"));
    assertNull(r.parse(""));
    assertNull(r.parse("2.01"));
    assertNull(r.parse("1e1"));
    assertNull(r.parse("NaN"));
  }

  @Test
  void wholeNumbersRefuseFractionsAndNegatives() {
    NumberRange r = NumberRange.wholeNumbers(0, 1000);
    assertEquals(20.0, r.parse("20"));
    assertNull(r.parse("-3"));
    assertNull(r.parse("2.5"));
    assertEquals("Enter a whole number from 0 to 1000.", r.problem());
    assertEquals("0 – 1000", r.describe());
  }

  @Test
  void valuesAreShownWithoutNoise() {
    assertEquals("0.7", NumberRange.format(0.7));
    assertEquals("1.05", NumberRange.format(1.05));
    assertEquals("4096", NumberRange.format(4096));
    assertEquals("0", NumberRange.format(0));
  }

  @Test
  void settingsRefuseValuesOutsideTheirRanges() {
    assertThrows(IllegalArgumentException.class, () -> GenerationPrefs.DEFAULT.withTemperature(-1));
    assertThrows(IllegalArgumentException.class, () -> GenerationPrefs.DEFAULT.withTopP(0));
    assertThrows(IllegalArgumentException.class, () -> GenerationPrefs.DEFAULT.withMaxTokens(0));
    assertThrows(IllegalArgumentException.class, () -> BackendPrefs.DEFAULT.withContextLength(100));
    assertThrows(IllegalArgumentException.class,
        () -> GenerationPrefs.DEFAULT.withSystemPrompt("x".repeat(GenerationPrefs.MAX_SYSTEM_PROMPT + 1)));
  }
}
