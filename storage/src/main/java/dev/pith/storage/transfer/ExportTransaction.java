package dev.pith.storage.transfer;

import dev.pith.storage.Database;
import dev.pith.storage.StorageException;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.model.Conversation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Reads the database in one transaction while writing the export: the export is a consistent snapshot even
 * while Pith keeps writing (WAL readers see the database as it was when they began).
 */
final class ExportTransaction {
  /** Export work: reads with {@code connection}, writes a file or stream. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException, IOException;
  }

  private ExportTransaction() {}

  /** The conversation {@code id}; a {@link StorageException} when there is none. */
  static Conversation existing(Connection c, UUID id) throws SQLException {
    return new ConversationDao(c).find(id)
        .orElseThrow(() -> new StorageException("There is no conversation " + id + "."));
  }

  /** Runs {@code work}; a failed write becomes one {@link StorageException} line. */
  static <T> T run(Database db, Work<T> work) {
    try {
      return db.read(c -> {
        try {
          return work.run(c);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw new StorageException("Could not write the export: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
