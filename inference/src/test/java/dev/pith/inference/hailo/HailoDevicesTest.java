package dev.pith.inference.hailo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HailoDevicesTest {
  @TempDir Path root;

  private void device(String address, String vendor, String device) throws IOException {
    Path dir = Files.createDirectories(root.resolve(HailoDevices.PCI_DEVICES).resolve(address));
    Files.writeString(dir.resolve("vendor"), vendor + "\n");
    Files.writeString(dir.resolve("device"), device + "\n");
  }

  @Test
  void findsTheHailoDeviceAmongOthers() throws IOException {
    device("0000:00:00.0", "0x14e4", "0x2712");
    device("0001:01:00.0", "0x1e60", "0x45c4");
    List<HailoDevices.Device> found = HailoDevices.find(root);
    assertEquals(List.of(new HailoDevices.Device("0001:01:00.0", "45c4")), found);
    assertEquals("Hailo-10H", found.get(0).name());
  }

  @Test
  void noPciFolderMeansNoDevice() throws IOException {
    assertTrue(HailoDevices.find(root).isEmpty());
    device("0000:00:00.0", "0x8086", "0x1234");
    assertTrue(HailoDevices.find(root).isEmpty());
  }
}
