package dev.pith.app.bench;

import dev.pith.storage.Database;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * The made-up history behind the Stats screenshots, and only those: three weeks of answers on a Raspberry Pi 5
 * with the AI HAT+ 2, drawn from a fixed seed. The numbers are plausible for that machine, not measured:
 * <ul>
 *   <li>CPU, Qwen2.5-1.5B-Instruct INT4: 8–12 tok/s, TTFT 0.5–2 s, 6–8 W on the PMIC, idle about 3 W before;</li>
 *   <li>CPU, the DeepSeek R1 distill: a little slower and longer answers;</li>
 *   <li>NPU (Hailo-10H): 6–7 tok/s, TTFT 0.3–0.9 s, 3.6–4.4 W on the PMIC (the NPU's own draw is not on it);</li>
 *   <li>about one answer in eight has no energy reading (as on a machine without a meter for a while), one in
 *   fifteen was stopped, and some failed (which the page must not count).</li>
 * </ul>
 */
final class StatsSeed {
  private StatsSeed() {}

  static final String CPU_QWEN = "qwen2.5-1.5b-instruct-int4-cpu";
  static final String CPU_DEEPSEEK = "deepseek-r1-distill-qwen-1.5b-int4-cpu";
  static final String NPU_QWEN = "qwen2.5-1.5b-instruct-hailo";

  /** Writes 21 days of answers ending now into {@code db}. */
  static void answers(Database db, Instant now) {
    Random random = new Random(9);
    UUID conversation = UUID.randomUUID();
    db.writeAndWait("seeding the stats", c -> {
      Instant start = now.minus(Duration.ofDays(21));
      new ConversationDao(c).insert(new Conversation(conversation, "Benchmark questions", start, now, false, false));
      MessageDao dao = new MessageDao(c);
      for (int day = 0; day < 21; day++) {
        // The NPU arrived on day 8; from then on most answers ran on it.
        int count = 3 + random.nextInt(7);
        for (int i = 0; i < count; i++) {
          Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(9 * 60 + random.nextInt(10 * 60)));
          if (at.isAfter(now)) {
            continue;
          }
          String backend;
          String model;
          double roll = random.nextDouble();
          if (day >= 8 && roll < 0.6) {
            backend = "hailo";
            model = NPU_QWEN;
          } else if (roll < 0.85) {
            backend = "cpu";
            model = CPU_QWEN;
          } else {
            backend = "cpu";
            model = CPU_DEEPSEEK;
          }
          Message q = Message.written(conversation, null, Role.USER, "question", at);
          dao.insert(q);
          dao.insert(answer(random, conversation, q, at, backend, model, day));
        }
      }
      return null;
    });
  }

  private static Message answer(Random random, UUID conversation, Message question, Instant at, String backend,
      String model, int day) {
    boolean npu = backend.equals("hailo");
    boolean reasoning = model.equals(CPU_DEEPSEEK);
    int prompt = 30 + random.nextInt(400);
    int tokens = (reasoning ? 250 : 60) + random.nextInt(reasoning ? 500 : 340);
    double ttft = npu ? 300 + random.nextInt(600) : 500 + prompt * 2.5 + random.nextInt(400);
    // The CPU got a little faster after the update of day 12.
    double tps = npu ? 6 + random.nextDouble() : (reasoning ? 7.5 : 8.5) + random.nextDouble() * 2.5
        + (day >= 12 ? 0.6 : 0);
    double seconds = ttft / 1000 + tokens / tps;
    double watts = npu ? 3.6 + random.nextDouble() * 0.8 : 6 + random.nextDouble() * 2;
    double idle = 2.8 + random.nextDouble() * 0.5;
    boolean metered = random.nextInt(8) != 0;
    MessageStatus status = random.nextInt(15) == 0 ? MessageStatus.CANCELLED
        : random.nextInt(25) == 0 ? MessageStatus.ERROR : MessageStatus.COMPLETE;
    MessageMetrics metrics = new MessageMetrics(prompt, tokens, round(ttft, 0), round(tps, 2),
        metered ? round(watts * seconds, 1) : null, metered ? round(watts, 2) : null,
        metered ? "Pi 5 PMIC" : null, metered ? round(idle, 2) : null);
    return new Message(UUID.randomUUID(), conversation, question.id(), Role.ASSISTANT, "an answer", status,
        status == MessageStatus.ERROR ? "the model stopped answering" : null, at, at.plusSeconds((long) seconds),
        model, backend, metrics);
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
