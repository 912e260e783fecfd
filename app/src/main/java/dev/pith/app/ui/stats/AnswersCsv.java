package dev.pith.app.ui.stats;

import dev.pith.storage.model.MeasuredAnswer;
import dev.pith.storage.model.MessageMetrics;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The answers behind the Stats page as CSV (RFC 4180): a header line, then one line per answer, CRLF line ends,
 * a field quoted when it holds a comma, a quote or a line break (its quotes doubled). Times are ISO-8601 in UTC;
 * numbers are written as stored, without an exponent; a figure that was not measured is an empty field. Only
 * stored values are written: nothing is worked out or filled in.
 */
public final class AnswersCsv {
  public static final List<String> HEADER = List.of("created_utc", "status", "backend", "model", "prompt_tokens",
      "generated_tokens", "ttft_ms", "decode_tok_per_s", "energy_j", "avg_watts", "idle_watts", "power_source");

  private AnswersCsv() {}

  /** Writes the header and {@code answers} to {@code out} (which the caller closes). */
  public static void write(List<MeasuredAnswer> answers, Writer out) throws IOException {
    line(out, HEADER);
    for (MeasuredAnswer a : answers) {
      MessageMetrics m = a.metrics();
      line(out, List.of(time(a.created()), a.status().wireName(), text(a.backend()), text(a.modelId()),
          number(m.promptTokens()), number(m.generatedTokens()), number(m.ttftMillis()), number(m.decodeTps()),
          number(m.energyJoules()), number(m.averageWatts()), number(m.idleWatts()), text(m.powerSource())));
    }
    out.flush();
  }

  /** One field, quoted when it must be. */
  static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  private static void line(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(fields.get(i)));
    }
    out.write("\r\n");
  }

  /** {@code 2026-11-21T09:00:00.250Z}: milliseconds as stored, none when whole seconds. */
  private static String time(Instant created) {
    return DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.MILLIS));
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static String number(Integer value) {
    return value == null ? "" : value.toString();
  }

  private static String number(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return "";
    }
    BigDecimal v = BigDecimal.valueOf(value).stripTrailingZeros();
    return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
  }
}
