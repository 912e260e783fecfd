package dev.pith.app.ui.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pith.storage.model.MeasuredAnswer;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswersCsvTest {
  @Test
  void oneLinePerAnswerUnderAHeaderWithEmptyFieldsForWhatWasNotMeasured() throws Exception {
    List<MeasuredAnswer> answers = List.of(
        new MeasuredAnswer(Instant.parse("2026-11-21T09:00:00Z"), MessageStatus.COMPLETE, "qwen", "cpu",
            new MessageMetrics(40, 120, 850.5, 10.25, 60.0, 7.0, "Pi 5 PMIC", 3.2)),
        new MeasuredAnswer(Instant.parse("2026-11-21T09:05:00.250Z"), MessageStatus.CANCELLED, null, "hailo",
            MessageMetrics.NONE));
    StringWriter out = new StringWriter();

    AnswersCsv.write(answers, out);

    assertEquals("created_utc,status,backend,model,prompt_tokens,generated_tokens,ttft_ms,decode_tok_per_s,"
        + "energy_j,avg_watts,idle_watts,power_source\r\n"
        + "2026-11-21T09:00:00Z,complete,cpu,qwen,40,120,850.5,10.25,60,7,3.2,Pi 5 PMIC\r\n"
        + "2026-11-21T09:05:00.250Z,cancelled,hailo,,,,,,,,,\r\n", out.toString());
  }

  @Test
  void fieldsWithCommasQuotesOrLineBreaksAreQuoted() throws Exception {
    assertEquals("plain", AnswersCsv.field("plain"));
    assertEquals("\"a,b\"", AnswersCsv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", AnswersCsv.field("say \"hi\""));
    assertEquals("\"two\nlines\"", AnswersCsv.field("two\nlines"));
    assertEquals("\"cr\rhere\"", AnswersCsv.field("cr\rhere"));

    StringWriter out = new StringWriter();
    AnswersCsv.write(List.of(new MeasuredAnswer(Instant.parse("2026-11-21T09:00:00Z"), MessageStatus.COMPLETE,
        "my \"fast\", model", "cpu", new MessageMetrics(1, 2, 1e-7, 3e10, null, null, "hwmon, \"ina219\"", null))),
        out);
    assertEquals("2026-11-21T09:00:00Z,complete,cpu,\"my \"\"fast\"\", model\",1,2,0.0000001,30000000000,,,,"
        + "\"hwmon, \"\"ina219\"\"\"\r\n", out.toString().split("\r\n", 2)[1]);
  }
}
