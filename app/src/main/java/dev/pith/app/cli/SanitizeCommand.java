package dev.pith.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.app.cloud.Escalation;
import dev.pith.inference.privacy.PlaceholderMap;
import dev.pith.inference.privacy.Redaction;
import dev.pith.inference.privacy.Sanitized;
import dev.pith.inference.privacy.Sanitizer;
import dev.pith.storage.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith sanitize}: what the cloud would be sent for a text, without sending anything. Reads stdin, prints
 * the text with placeholders, or with {@code --json} one object with the entities found. Uses the privacy settings
 * ({@code privacy.terms}, {@code privacy.phone_region}, else the locale's country, else US).
 */
@Command(name = "sanitize", mixinStandardHelpOptions = true,
    description = "Replace personal details in stdin with placeholders, as before sending to the cloud (nothing is "
        + "sent). --json: the entities found, with their type, start and end (Java String indices) and placeholder.")
final class SanitizeCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object: text, entities, counts.")
  private boolean json;

  @Override
  public Integer call() throws IOException {
    String text = readAll(root.context().terminal().in());
    Sanitizer sanitizer;
    try (Database db = Databases.openToLook(root.dataDir(), spec.commandLine().getErr())) {
      sanitizer = Escalation.sanitizer(db, Locale.getDefault());
    }
    Sanitized s = sanitizer.sanitize(text, new PlaceholderMap());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(s));
    } else {
      out.print(s.text());
    }
    out.flush();
    return 0;
  }

  /**
   * {@code {"text": "...", "entities": [{"type": "EMAIL_ADDRESS", "start": 8, "end": 21, "placeholder":
   * "[EMAIL_1]"}], "counts": {"EMAIL_ADDRESS": 1}}}, non-ASCII escaped; start and end index the input.
   */
  static String json(Sanitized s) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
      g.enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
      g.writeStartObject();
      g.writeStringField("text", s.text());
      g.writeArrayFieldStart("entities");
      for (Redaction r : s.redactions()) {
        g.writeStartObject();
        g.writeStringField("type", r.type().name());
        g.writeNumberField("start", r.start());
        g.writeNumberField("end", r.end());
        g.writeStringField("placeholder", r.placeholder());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("counts");
      for (var e : s.counts().entrySet()) {
        g.writeNumberField(e.getKey().name(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return w.toString();
  }

  private static String readAll(Reader in) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buf = new char[8192];
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      text.append(buf, 0, n);
    }
    return text.toString();
  }
}
