package dev.pith.app.cli;

import dev.pith.app.cloud.ApiKeyException;
import dev.pith.app.cloud.ApiKeyStore;
import dev.pith.app.cloud.Escalation;
import dev.pith.app.cloud.EscalationException;
import dev.pith.app.cloud.Preview;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.inference.cloud.CloudException;
import dev.pith.inference.cloud.CloudTimeouts;
import dev.pith.storage.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith escalate}: "Ask the cloud" from a terminal. Prints the preview (exactly what will leave the machine),
 * asks, sends, streams the answer with the originals put back, and stores it with its audit row (see
 * {@link Escalation}). {@code --dry-run} prints the preview and the request body and sends nothing.
 */
@Command(name = "escalate", mixinStandardHelpOptions = true,
    description = "Ask the cloud model about a conversation's last answer: shows the sanitized preview, asks, sends "
        + "it, streams and stores the answer (needs cloud.enabled, cloud.base_url, cloud.model and a key).")
final class EscalateCommand implements Callable<Integer> {
  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Option(names = "--conversation", required = true, paramLabel = "ID",
      description = "The conversation (its id, or at least its first 4 characters).")
  private String conversation;

  @Option(names = "--message", paramLabel = "ID",
      description = "The answer to escalate (default: the newest answer of the conversation's thread).")
  private UUID message;

  @Option(names = "--turns", paramLabel = "N", defaultValue = "1",
      description = "How many exchanges (question and answer) to send, ending with the escalated one (default 1).")
  private int turns;

  @Option(names = "--yes", description = "Send without asking (the preview is still printed).")
  private boolean yes;

  @Option(names = "--dry-run", description = "Print the preview and the exact request body; send nothing.")
  private boolean dryRun;

  @Override
  public Integer call() throws IOException {
    if (turns < 1) {
      throw new CliException("--turns is at least 1, not " + turns, 2);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ApiKeyStore keys = ApiKeyStore.of(root.context().environment(), root.context().userHome());
    try (Database db = Databases.open(root.dataDir(), err)) {
      KioskSettings kiosk = KioskStore.settings(db);
      Escalation escalation = new Escalation(db, kiosk.enabled() ? KioskMode.on(kiosk) : KioskMode.OFF, keys,
          CloudTimeouts.DEFAULT, Locale.getDefault());
      UUID conversationId = ExportCommand.resolve(db, conversation);
      UUID answer = message != null ? message : Escalation.latestAnswer(db, conversationId)
          .orElseThrow(() -> new CliException("conversation " + conversation + " has no answer to escalate"));
      Preview preview = escalation.prepare(conversationId, answer, turns);
      printPreview(preview, out);
      if (dryRun) {
        out.println("--- request body (" + preview.bytes() + " bytes)");
        out.println(preview.body());
        out.flush();
        err.println("Dry run: nothing was sent.");
        err.flush();
        return 0;
      }
      out.flush();
      if (!yes && !confirmed(preview, err)) {
        err.println("Nothing was sent.");
        err.flush();
        return 1;
      }
      return send(escalation, preview, out, err);
    } catch (EscalationException | ApiKeyException e) {
      throw new CliException(e.getMessage(), 2);
    }
  }

  private int send(Escalation escalation, Preview preview, PrintWriter out, PrintWriter err) {
    out.println("--- answer from " + preview.endpoint().model() + " @ " + preview.endpoint().host());
    out.flush();
    Escalation.Result result;
    try (InterruptCancels interrupt = InterruptCancels.install()) {
      result = escalation.send(preview, piece -> {
        out.print(piece);
        out.flush();
      }, interrupt.token());
      out.println();
      out.flush();
    }
    String audit = "audit row " + result.audit().id() + ", " + result.audit().bytesSent() + " bytes sent";
    if (result.error() != null) {
      String stored = result.stored() == null ? "nothing was stored"
          : "the part that arrived is stored, marked as failed";
      String advice = result.failure() == CloudException.Kind.KEY_REFUSED
          ? "; set the right one with pith cloud set-key" : "";
      throw new CliException(result.error() + advice + "; " + stored + " (" + audit + ")");
    }
    if (result.cancelled()) {
      err.println("Stopped; " + (result.stored() == null ? "nothing was stored" : "stored as far as it got")
          + " (" + audit + ").");
      err.flush();
      return 130;
    }
    err.println("Stored as a cloud answer (" + result.stored().modelId() + "); " + audit + ".");
    err.flush();
    return 0;
  }

  private static void printPreview(Preview preview, PrintWriter out) {
    Map<String, Integer> counts = preview.counts().entrySet().stream().collect(Collectors.toMap(
        e -> e.getKey().placeholderWord(), Map.Entry::getValue, Integer::sum, java.util.TreeMap::new));
    out.println("To " + preview.endpoint().chatUrl() + " (model " + preview.endpoint().model() + "): "
        + preview.bytes() + " bytes, " + preview.turns() + (preview.turns() == 1 ? " exchange" : " exchanges")
        + ", " + (counts.isEmpty() ? "nothing replaced" : "replaced " + counts.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))));
    out.print(preview.text());
  }

  private boolean confirmed(Preview preview, PrintWriter err) throws IOException {
    err.print("Send this to " + preview.endpoint().host() + "? [y/N] ");
    err.flush();
    String line = new BufferedReader(root.context().terminal().in()).readLine();
    String answer = line == null ? "" : line.strip().toLowerCase(Locale.ROOT);
    return answer.equals("y") || answer.equals("yes");
  }
}
