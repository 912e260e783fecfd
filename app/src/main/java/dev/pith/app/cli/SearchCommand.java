package dev.pith.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.storage.Database;
import dev.pith.storage.dao.SearchDao;
import dev.pith.storage.dao.SearchQuery;
import dev.pith.storage.model.SearchHit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith search}: full-text search over every stored message. What the user types is searched as text,
 * never as FTS5 syntax, so no query is a syntax error; a query with nothing searchable finds nothing.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Search the messages of every stored conversation (every word must match).")
final class SearchCommand implements Callable<Integer> {
  /** How matched words are marked when stdout is not a terminal, and in JSON. */
  static final String MARK = "**";
  private static final String BOLD = "\u001b[1m";
  private static final String NOT_BOLD = "\u001b[22m";

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "QUERY", arity = "1..*",
      description = "Words to find, in any order; \"words in quotes\" must stand together.")
  private List<String> words;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
      description = "The most matches to show, best first (default: ${DEFAULT-VALUE}).")
  private int limit;

  @Option(names = "--json", description = "Print one JSON object per match and nothing else on stdout.")
  private boolean json;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be >= 1, got " + limit);
    }
    String query = String.join(" ", words);
    PrintWriter err = spec.commandLine().getErr();
    if (SearchQuery.toFts(query).isEmpty()) {
      return note(err, "Nothing to search for: the query has no letters or digits.");
    }
    DataDir dataDir = root.dataDir();
    if (Files.notExists(Databases.file(dataDir))) {
      return note(err, "No matches: no conversations are stored in " + dataDir.path() + " yet.");
    }
    boolean bold = !json && root.context().terminal().interactive();
    List<SearchHit> hits;
    try (Database db = Databases.openToLook(dataDir, err)) {
      hits = db.read(c -> new SearchDao(c).search(query, limit, bold ? BOLD : MARK, bold ? NOT_BOLD : MARK));
    }
    if (hits.isEmpty()) {
      return note(err, "No matches.");
    }
    PrintWriter out = spec.commandLine().getOut();
    for (SearchHit hit : hits) {
      if (json) {
        out.println(JsonLines.line(toJson(hit)));
      } else {
        out.println(Display.title(hit.conversationTitle()) + "  (" + Display.shortId(hit.conversationId()) + ", "
            + Display.role(hit.role()) + ", " + Display.time(hit.created()) + ")");
        out.println("    " + Display.oneLine(hit.snippet()));
      }
    }
    out.flush();
    return 0;
  }

  /** One match as {@code --json} prints it; {@code created} is ISO-8601 in UTC. */
  static ObjectNode toJson(SearchHit hit) {
    return JsonLines.object()
        .put("conversation_id", hit.conversationId().toString())
        .put("conversation_title", hit.conversationTitle())
        .put("message_id", hit.messageId().toString())
        .put("role", hit.role().wireName())
        .put("created", hit.created().toString())
        .put("snippet", hit.snippet());
  }

  /** A search that finds nothing is not an error: the note goes to stderr, stdout stays empty, exit code 0. */
  private static int note(PrintWriter err, String text) {
    err.println(text);
    err.flush();
    return 0;
  }
}
