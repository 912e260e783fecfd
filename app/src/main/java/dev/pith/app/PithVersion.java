package dev.pith.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Pith version, from {@code version.properties} that Maven fills in at build time. */
public final class PithVersion {
  private static final String VERSION = read();

  private PithVersion() {}

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build did not record it. */
  public static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = PithVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties props = new Properties();
      props.load(in);
      String version = props.getProperty("version", "unknown");
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Pith version resource", e);
    }
  }
}
