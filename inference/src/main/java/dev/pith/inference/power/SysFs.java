package dev.pith.inference.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The few ways the power sources read Linux's sysfs: one number or word per file, folders listed in name order. */
final class SysFs {
  private SysFs() {}

  /** The integer a sysfs attribute holds ("123456\n"). */
  static long readLong(Path file) throws IOException {
    String text = readWord(file);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + " holds '" + text + "', not a number", e);
    }
  }

  /** A sysfs attribute's text without the trailing newline. */
  static String readWord(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII).strip();
  }

  /** The entries of {@code dir} whose names match {@code glob}, sorted; empty when it is missing or unreadable. */
  static List<Path> list(Path dir, String glob) {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
      entries.forEach(found::add);
    } catch (IOException | RuntimeException e) {
      return found; // a folder that vanished or cannot be listed: nothing more to find
    }
    found.sort(null);
    return found;
  }
}
