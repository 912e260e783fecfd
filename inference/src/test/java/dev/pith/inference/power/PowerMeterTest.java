package dev.pith.inference.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PowerMeterTest {
  @Test
  void noneNamesNoSourceGivesNoReadingAndSaysWhy() {
    try (PowerMeter meter = PowerMeter.none("no power sensor found")) {
      assertEquals("none", meter.source());
      assertTrue(meter.watts().isEmpty());
      assertTrue(meter.watts().isEmpty(), "still nothing on the next read: no made-up numbers");
      assertEquals(Optional.of("no power sensor found"), meter.unavailableReason());
      assertEquals("nothing", meter.scope());
    }
  }

  @Test
  void noneNeedsAReasonPeopleCanRead() {
    assertThrows(NullPointerException.class, () -> PowerMeter.none(null));
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> PowerMeter.none("  "));
    assertEquals("a missing power meter needs a reason people can read", blank.getMessage());
  }

  @Test
  void aWorkingMeterHasNoReasonAndNothingToCloseByDefault() {
    PowerMeter meter = new PowerMeter() {
      @Override
      public String source() {
        return "test rail";
      }

      @Override
      public OptionalDouble watts() {
        return OptionalDouble.of(4.25);
      }
    };
    assertEquals(Optional.empty(), meter.unavailableReason());
    assertEquals(4.25, meter.watts().getAsDouble());
    assertEquals("what test rail reports (its coverage is not known)", meter.scope());
    assertTrue(meter.measured(), "a reading is a measurement unless the meter says it estimates");
    meter.close();
  }
}
