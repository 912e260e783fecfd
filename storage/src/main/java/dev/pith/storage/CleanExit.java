package dev.pith.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The mark a clean exit leaves beside the database ({@code pith.db.clean}): when {@code quick_check} last
 * passed. Opening takes the mark away, so a crash or a pulled plug leaves none and the next start checks.
 */
final class CleanExit {
  private CleanExit() {}

  static Path markOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".clean");
  }

  /** Reads and removes the mark: when the last check passed, if the last exit was clean. */
  static Optional<Instant> take(Path file) {
    Path mark = markOf(file);
    try {
      if (!Files.exists(mark)) {
        return Optional.empty();
      }
      String text = Files.readString(mark, StandardCharsets.UTF_8).strip();
      Files.delete(mark);
      return Optional.of(Instant.parse(text));
    } catch (IOException | DateTimeParseException e) {
      try {
        Files.deleteIfExists(mark);
      } catch (IOException ignored) {
        // an unreadable mark only means a check at the next start
      }
      return Optional.empty();
    }
  }

  /** Leaves the mark; called last, after a clean close. */
  static void leave(Path file, Instant lastCheck) throws IOException {
    Files.writeString(markOf(file), lastCheck.toString() + "\n", StandardCharsets.UTF_8);
  }
}
