package dev.pith.app.cli;

import dev.pith.app.PithVersion;
import dev.pith.storage.Database;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.transfer.ExportResult;
import dev.pith.storage.transfer.JsonExport;
import dev.pith.storage.transfer.MarkdownExport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith export}: conversations as lossless JSON (the import format) or readable Markdown. A file is
 * written as {@code <file>.part} and renamed when complete, so a failed export never leaves a half file
 * under the real name.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export conversations as JSON (lossless, for `pith import`) or Markdown (one page each).")
final class ExportCommand implements Callable<Integer> {
  private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-fA-F-]{4,36}");

  enum Format { JSON, MD }

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Option(names = "--format", paramLabel = "json|md", defaultValue = "json",
      description = "json (default) or md.")
  private Format format;

  @Option(names = "--conversation", paramLabel = "ID",
      description = "Only this conversation (its id, or the start of it as `pith chat` /list and `pith search` "
          + "show it).")
  private String conversation;

  @Option(names = "--out", paramLabel = "FILE|DIR",
      description = "Where to write (default: stdout). Markdown of every conversation needs a folder.")
  private Path out;

  @Override
  public Integer call() throws IOException {
    if (format == Format.MD && conversation == null && out == null) {
      throw new ParameterException(spec.commandLine(),
          "Markdown of every conversation is one file each: give --out DIR, or --conversation ID");
    }
    if (conversation != null && !ID_PREFIX.matcher(conversation).matches()) {
      throw new ParameterException(spec.commandLine(),
          "--conversation takes a conversation id or at least its first 4 characters, got '" + conversation + "'");
    }
    DataDir dataDir = root.dataDir();
    if (Files.notExists(Databases.file(dataDir))) {
      throw new CliException("There is nothing to export: no conversations are stored in " + dataDir.path() + ".");
    }
    PrintWriter err = spec.commandLine().getErr();
    try (Database db = Databases.openToLook(dataDir, err)) {
      UUID id = conversation == null ? null : resolve(db, conversation);
      ExportResult result = format == Format.MD && id == null
          ? new MarkdownExport(db, ZoneId.systemDefault()).writeFolder(out)
          : export(db, id);
      err.println("Exported " + count(result.conversations(), "conversation") + " ("
          + count(result.messages(), "message") + ")" + (out == null ? "." : " to " + out + "."));
      err.flush();
    }
    return 0;
  }

  private ExportResult export(Database db, UUID id) throws IOException {
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      ExportResult result = format == Format.JSON
          ? (id == null ? json(db).writeAll(stdout) : json(db).writeConversation(id, stdout))
          : markdown(db).writeConversation(id, stdout);
      stdout.flush();
      return result;
    }
    Path target = out.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new CliException(out + " is a folder; give a file name for --out.");
    }
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try (OutputStream file = Files.newOutputStream(partial)) {
      ExportResult result = format == Format.JSON
          ? (id == null ? json(db).writeAll(file) : json(db).writeConversation(id, file))
          : markdown(db).writeConversation(id, file);
      file.close();
      move(partial, target);
      return result;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static JsonExport json(Database db) {
    return new JsonExport(db, PithVersion.get());
  }

  private static MarkdownExport markdown(Database db) {
    return new MarkdownExport(db, ZoneId.systemDefault());
  }

  /** The one conversation whose id starts with {@code prefix}. */
  /** The one conversation whose id starts with {@code prefix}; a one-line error for none or several. */
  static UUID resolve(Database db, String prefix) {
    List<Conversation> matches = db.read(c -> new ConversationDao(c).findByIdPrefix(prefix, 2));
    if (matches.isEmpty()) {
      throw new CliException("No conversation id starts with " + prefix + ".");
    }
    if (matches.size() > 1) {
      throw new CliException("More than one conversation id starts with " + prefix + "; give more of it.");
    }
    return matches.get(0).id();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
