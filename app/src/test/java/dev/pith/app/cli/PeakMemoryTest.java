package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PeakMemoryTest {

  @Test
  void readsVmHwmInKib() {
    List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmHWM:\t  123456 kB", "VmRSS:\t 1000 kB");
    assertEquals(OptionalLong.of(123_456), PeakMemory.parseVmHwm(status));
  }

  @Test
  void isEmptyWithoutVmHwm() {
    assertEquals(OptionalLong.empty(), PeakMemory.parseVmHwm(List.of("Name:\tjava")));
  }
}
