package dev.pith.storage.transfer;

import dev.pith.storage.Database;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes conversations as Markdown pages for reading (the layout is on {@link MarkdownPage} and in README.md,
 * "Export and import"): the thread the app shows, not every branch; the JSON export is the lossless one.
 * Text is UTF-8 with {@code \n} line ends; times are shown in the zone given. Not for the JavaFX thread.
 */
public final class MarkdownExport {
  private final Database db;
  private final MarkdownPage page;

  /** @param zone the time zone for the dates on each page (the user's: {@code ZoneId.systemDefault()}) */
  public MarkdownExport(Database db, ZoneId zone) {
    this.db = Objects.requireNonNull(db, "db");
    this.page = new MarkdownPage(Objects.requireNonNull(zone, "zone"));
  }

  /**
   * Writes one conversation to {@code out} (flushed, not closed); a {@link dev.pith.storage.StorageException}
   * when there is none with that id.
   */
  public ExportResult writeConversation(UUID id, OutputStream out) {
    Objects.requireNonNull(out, "out");
    return writeConversation(id, new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  /** {@link #writeConversation(UUID, OutputStream)} as characters (flushed, not closed). */
  public ExportResult writeConversation(UUID id, Writer out) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(out, "out");
    return ExportTransaction.run(db, c -> {
      Writer writer = new BufferedWriter(out);
      int messages = write(c, ExportTransaction.existing(c, id), writer);
      writer.flush();
      return new ExportResult(1, messages);
    });
  }

  /**
   * Writes every conversation to its own file in {@code folder} (created when missing), named from its title
   * and id ({@link MarkdownFileNames}); a file of the same name is replaced, so exporting again to the same
   * folder refreshes it.
   */
  public ExportResult writeFolder(Path folder) {
    Objects.requireNonNull(folder, "folder");
    return ExportTransaction.run(db, c -> {
      Files.createDirectories(folder);
      MarkdownFileNames names = new MarkdownFileNames();
      List<Conversation> all = new ConversationDao(c).all();
      int messages = 0;
      for (Conversation conversation : all) {
        try (Writer writer = Files.newBufferedWriter(folder.resolve(names.next(conversation)))) {
          messages += write(c, conversation, writer);
        }
      }
      return new ExportResult(all.size(), messages);
    });
  }

  /** Writes one page; returns how many messages its thread has. */
  private int write(Connection c, Conversation conversation, Writer out) throws SQLException, IOException {
    MessageDao messages = new MessageDao(c);
    List<MarkdownPage.Entry> thread = new ArrayList<>();
    for (Message m : messages.thread(conversation.id(), Integer.MAX_VALUE)) {
      int versions = messages.countChildren(conversation.id(), m.parentId());
      thread.add(new MarkdownPage.Entry(m, versions - 1));
    }
    page.write(conversation, thread, out);
    return thread.size();
  }
}
