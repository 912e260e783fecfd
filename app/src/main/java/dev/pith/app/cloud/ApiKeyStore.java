package dev.pith.app.cloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The cloud API key, kept apart from the database (which is backed up and exported) in a file only its owner can
 * read: {@code $XDG_CONFIG_HOME/pith/cloud-api-key}, else {@code ~/.config/pith/cloud-api-key}, mode 0600, written
 * atomically (a temporary file created 0600 beside it, then moved over it). {@code PITH_CLOUD_API_KEY} in the
 * environment wins over the file. The key is handed out only by {@link #key()} and never logged; this class has no
 * field that holds it, so no {@code toString} can print it.
 */
public final class ApiKeyStore {
  public static final String ENV = "PITH_CLOUD_API_KEY";
  public static final String FILE_NAME = "cloud-api-key";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  /** Where the key comes from. */
  public enum Source {
    ENVIRONMENT,
    FILE,
    NONE
  }

  private final Path file;
  private final String fromEnvironment;

  /** The key file {@code file}, and {@code fromEnvironment} (null or empty: not set) winning over it. */
  public ApiKeyStore(Path file, String fromEnvironment) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    this.fromEnvironment = fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
  }

  /** The store of this user: the config folder from {@code environment} and {@code userHome}. */
  public static ApiKeyStore of(Map<String, String> environment, Path userHome) {
    return new ApiKeyStore(configDir(environment, userHome).resolve(FILE_NAME), environment.get(ENV));
  }

  /** {@code $XDG_CONFIG_HOME/pith} when that is an absolute path, else {@code ~/.config/pith}. */
  public static Path configDir(Map<String, String> environment, Path userHome) {
    String xdg = environment.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "pith");
    }
    return userHome.resolve(".config").resolve("pith");
  }

  public Path file() {
    return file;
  }

  public Source source() {
    if (fromEnvironment != null) {
      return Source.ENVIRONMENT;
    }
    return Files.isRegularFile(file) ? Source.FILE : Source.NONE;
  }

  /**
   * The key: {@code PITH_CLOUD_API_KEY}, else the file's first line; empty when neither is set.
   *
   * @throws ApiKeyException when the file can be read by others (it is then not used) or cannot be read
   */
  public Optional<String> key() {
    if (fromEnvironment != null) {
      return Optional.of(fromEnvironment);
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null) {
        Set<PosixFilePermission> perms = posix.readAttributes().permissions();
        if (!OWNER_ONLY.containsAll(perms)) {
          throw new ApiKeyException("the API key file " + file + " can be read by others (mode "
              + PosixFilePermissions.toString(perms) + "); run chmod 600 on it, or set the key again with "
              + "pith cloud set-key");
        }
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      int nl = text.indexOf('\n');
      String key = (nl < 0 ? text : text.substring(0, nl)).strip();
      return key.isEmpty() ? Optional.empty() : Optional.of(key);
    } catch (IOException e) {
      throw new ApiKeyException("cannot read the API key file " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Stores {@code key} in the file, replacing any, owner-only from its first byte.
   *
   * @throws IllegalArgumentException when the key is empty or has characters an HTTP header cannot carry
   * @throws ApiKeyException when the file cannot be written
   */
  public void save(String key) {
    String k = check(key);
    Path dir = file.getParent();
    Path tmp = null;
    try {
      boolean posix = Files.getFileAttributeView(dir.getRoot(), PosixFileAttributeView.class) != null;
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
          Files.createDirectories(dir);
        }
      }
      FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
          : new FileAttribute<?>[0];
      tmp = Files.createTempFile(dir, "." + FILE_NAME + "-", ".tmp", attrs);
      if (!posix) {
        ownerOnly(tmp);
      }
      Files.writeString(tmp, k + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new ApiKeyException("cannot write the API key file " + file + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: it holds the key, but only its owner can read it
        }
      }
    }
  }

  /** Deletes the key file; true when there was one. */
  public boolean remove() {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new ApiKeyException("cannot delete the API key file " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** {@code key} stripped, or why it cannot be one. */
  public static String check(String key) {
    String k = key == null ? "" : key.strip();
    if (k.isEmpty()) {
      throw new IllegalArgumentException("the API key is empty");
    }
    if (k.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
      throw new IllegalArgumentException("an API key is one word of printable ASCII characters (no spaces or line "
          + "breaks)");
    }
    return k;
  }

  /** Windows and other non-POSIX file systems: readable and writable by the owner only, as far as Java can say. */
  private static void ownerOnly(Path p) {
    java.io.File f = p.toFile();
    f.setReadable(false, false);
    f.setWritable(false, false);
    f.setReadable(true, true);
    f.setWritable(true, true);
  }

  @Override
  public String toString() {
    return "ApiKeyStore[" + file + ", " + source() + "]";
  }
}
