package dev.pith.storage.transfer;

import com.fasterxml.jackson.core.JsonParser;
import dev.pith.storage.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a file written by {@link JsonExport} (any format version up to this Pith's) into the database.
 *
 * <p>The import is idempotent by id: what the database already has is skipped, what it lacks is added, so
 * importing the same file twice adds nothing the second time (the rules are on {@link ImportMerge} and in
 * README.md, "Export and import"). It runs in one transaction on the writer thread, validating as it reads:
 * any problem anywhere in the file is an {@link ImportException} and leaves the database exactly as it was.
 * Other writes wait while it runs. Not for the JavaFX thread.
 */
public final class JsonImport {
  private final Database db;

  public JsonImport(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Imports {@code file}.
   *
   * @throws ImportException when the file cannot be read or is not a valid export; nothing was imported
   * @throws dev.pith.storage.StorageException when the database refuses the write (a full disk)
   */
  public ImportResult read(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new ImportException("cannot read " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
    }
    return db.writeAndWait("importing " + file.getFileName(), c -> {
      try (InputStream in = Files.newInputStream(file);
          JsonParser parser = TransferFormat.JSON.createParser(in);
          ImportMerge merge = new ImportMerge(c)) {
        new ExportReader(parser, merge, Files.size(file)).read();
        return merge.result();
      } catch (IOException e) {
        throw new ImportException("cannot read " + file + ": " + e.getMessage());
      }
    });
  }
}
