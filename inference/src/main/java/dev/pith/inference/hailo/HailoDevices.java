package dev.pith.inference.hailo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds Hailo accelerators on the PCI bus the way Linux shows them: a folder per device under
 * {@code /sys/bus/pci/devices/}, whose {@code vendor} file holds {@code 0x1e60} for Hailo; and the device nodes
 * Hailo's driver makes for them ({@code /dev/hailo0}, or {@code /dev/h1x-…} with newer drivers). It only looks; it
 * opens no device and needs no root. Elsewhere than Linux the folders do not exist and nothing is found.
 */
public final class HailoDevices {
  /** Hailo Technologies' PCI vendor id. */
  public static final String VENDOR = "1e60";
  /** The Hailo-10H (AI HAT+ 2). */
  public static final String HAILO_10H = "45c4";
  static final String PCI_DEVICES = "sys/bus/pci/devices";
  static final String DEV = "dev";

  private HailoDevices() {}

  /**
   * One Hailo PCI device.
   *
   * @param address its PCI address, e.g. {@code 0001:01:00.0}
   * @param deviceId the device id in hex without {@code 0x}, e.g. {@code 45c4}; empty when unreadable
   */
  public record Device(String address, String deviceId) {
    public Device {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(deviceId, "deviceId");
    }

    /** "Hailo-10H" for the AI HAT+ 2's chip, else "Hailo device 1234". */
    public String name() {
      return HAILO_10H.equals(deviceId) ? "Hailo-10H" : ("Hailo device " + deviceId).strip();
    }
  }

  /**
   * The Hailo devices under {@code root} ({@code /} on a real system; a folder tree shaped like it in tests),
   * in address order. Unreadable entries are skipped.
   */
  public static List<Device> find(Path root) {
    Path dir = root.resolve(PCI_DEVICES);
    List<Device> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> devices = Files.newDirectoryStream(dir)) {
      for (Path device : devices) {
        if (VENDOR.equals(hex(device.resolve("vendor")))) {
          found.add(new Device(device.getFileName().toString(), hex(device.resolve("device"))));
        }
      }
    } catch (IOException | RuntimeException e) {
      return found; // a folder that vanished or cannot be listed: nothing more to find
    }
    found.sort((a, b) -> a.address().compareTo(b.address()));
    return found;
  }

  /**
   * The device nodes of Hailo's driver under {@code root}: {@code dev/hailo*} and {@code dev/h1x-*}, in name
   * order. Empty when the driver is not loaded (or not installed).
   */
  public static List<Path> nodes(Path root) {
    Path dir = root.resolve(DEV);
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dir,
        p -> p.getFileName().toString().startsWith("hailo") || p.getFileName().toString().startsWith("h1x-"))) {
      nodes.forEach(found::add);
    } catch (IOException | RuntimeException e) {
      return found; // an unreadable /dev: nothing more to find
    }
    found.sort(null);
    return found;
  }

  /** A sysfs id file ("0x1e60\n") as lower-case hex without the prefix; empty when unreadable. */
  private static String hex(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip().toLowerCase(Locale.ROOT);
      return text.startsWith("0x") ? text.substring(2) : text;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
