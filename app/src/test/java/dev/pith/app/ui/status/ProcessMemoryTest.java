package dev.pith.app.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {
  private static final long JVM_BYTES = 96L * 1024 * 1024;

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(ProcessMemoryTest.class.getResource(name).toURI());
  }

  @Test
  void readsTheResidentSetSizeFromAProcStatusFile() throws Exception {
    ProcessMemory memory = new ProcessMemory(fixture("proc-self-status.txt"), () -> JVM_BYTES);
    ProcessMemory.Reading reading = memory.read();
    assertEquals(319_488L * 1024, reading.bytes());
    assertEquals(ProcessMemory.Kind.RESIDENT, reading.kind());
    assertEquals("312 MB", reading.text());
    assertEquals("312.0 MiB: resident set size (VmRSS)", reading.description());
  }

  @Test
  void aMalformedFileFallsBackToTheJvmAndSaysSo() throws Exception {
    ProcessMemory memory = new ProcessMemory(fixture("proc-self-status-malformed.txt"), () -> JVM_BYTES);
    ProcessMemory.Reading reading = memory.read();
    assertEquals(new ProcessMemory.Reading(JVM_BYTES, ProcessMemory.Kind.JVM), reading);
    assertEquals("96 MB", reading.text());
    assertTrue(reading.description().contains("not counted"), reading.description());
  }

  @Test
  void noProcFileFallsBackToTheJvm(@TempDir Path dir) {
    ProcessMemory memory = new ProcessMemory(dir.resolve("no-such-status"), () -> JVM_BYTES);
    assertEquals(ProcessMemory.Kind.JVM, memory.read().kind());
  }

  @Test
  void parsingTakesOnlyAWholeVmRssLineInKb() {
    assertEquals(OptionalLong.of(1608),
        ProcessMemory.parseVmRssKib(List.of("VmHWM:\t 2000 kB", "VmRSS:\t    1608 kB")));
    assertEquals(OptionalLong.empty(), ProcessMemory.parseVmRssKib(List.of("VmHWM:\t 2000 kB")));
    assertEquals(OptionalLong.empty(), ProcessMemory.parseVmRssKib(List.of("VmRSS:")));
    assertEquals(OptionalLong.empty(), ProcessMemory.parseVmRssKib(List.of("VmRSS:\t 1608 MB")));
    assertEquals(OptionalLong.empty(), ProcessMemory.parseVmRssKib(List.of("VmRSS:\t -5 kB")));
    assertEquals(OptionalLong.empty(), ProcessMemory.parseVmRssKib(List.of("VmRSS:\t 99999999999999999999 kB")));
  }

  @Test
  void formatsMegabytesThenGigabytes() {
    assertEquals("0 MB", ProcessMemory.format(0));
    assertEquals("312 MB", ProcessMemory.format(312L * 1024 * 1024 + 300_000));
    assertEquals("999 MB", ProcessMemory.format(999L * 1024 * 1024));
    assertEquals("1.0 GB", ProcessMemory.format(1000L * 1024 * 1024));
    assertEquals("1.6 GB", ProcessMemory.format(1_700_000_000L));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void thisProcessOnLinuxIsMeasuredByTheKernel() {
    if (!Files.isReadable(Path.of("/proc/self/status"))) {
      return;
    }
    ProcessMemory.Reading reading = ProcessMemory.ofThisProcess().read();
    assertEquals(ProcessMemory.Kind.RESIDENT, reading.kind());
    assertTrue(reading.bytes() > 10L * 1024 * 1024, "a JVM uses more than 10 MB: " + reading.bytes());
  }
}
