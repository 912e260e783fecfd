package dev.pith.storage.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The shape of the generated history, without its text: how many messages each conversation has, which
 * message answers which, who wrote it and when, and the order in which the messages are written (by time,
 * so long conversations are spread through the file the way months of use spread them).
 *
 * <p>Sizes: 88.5% of conversations have 20–100 messages, 10% have 100–400, and 1.5% share the rest
 * (about 1,500 each at the default size, some over 3,000). A turn is a question and its answer; 5% of
 * answers are regenerated (a sibling answer to the same question, the thread going on from the newer)
 * and 1.5% of questions are edited (a sibling of the previous question). Everything derives from the seed:
 * ids, times and each message's text ({@link #random(int)}).
 */
final class Plan {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final long SPAN_MILLIS = Duration.ofDays(730).toMillis();

  final long seed;
  final int conversations;
  final int messages;
  /** Per conversation: how many messages, index of its first message, its start, pinned, archived. */
  final int[] size;
  final int[] first;
  /** Per message (in conversation order): conversation, parent message (-1 for none), role, time. */
  final int[] conversation;
  final int[] parent;
  final byte[] role;
  final long[] millis;
  /** The order of writing: message indexes sorted by time. */
  final int[] order;

  static final byte USER = 0;
  static final byte ASSISTANT = 1;

  Plan(long seed, int conversations, int messages) {
    if (conversations < 1 || messages < 2L * conversations) {
      throw new IllegalArgumentException("need at least 2 messages per conversation");
    }
    this.seed = seed;
    this.conversations = conversations;
    this.messages = messages;
    this.size = sizes(seed, conversations, messages);
    this.first = new int[conversations];
    this.conversation = new int[messages];
    this.parent = new int[messages];
    this.role = new byte[messages];
    this.millis = new long[messages];
    int at = 0;
    for (int c = 0; c < conversations; c++) {
      first[c] = at;
      layOut(c, at);
      at += size[c];
    }
    this.order = sortByTime();
  }

  /** The random source of message {@code i}'s text and metrics. */
  SplittableRandom random(int i) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x1000_0000L + i);
  }

  SplittableRandom conversationRandom(int c) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L - 0x2000_0000L - c);
  }

  UUID messageId(int i) {
    return uuid(seed * 31 + 7, i);
  }

  UUID conversationId(int c) {
    return uuid(seed * 31 + 11, c);
  }

  Instant time(int i) {
    return START.plusMillis(millis[i]);
  }

  /** The conversations with at least {@code n} messages. */
  int[] conversationsWithAtLeast(int n) {
    return java.util.stream.IntStream.range(0, conversations).filter(c -> size[c] >= n).toArray();
  }

  private static UUID uuid(long salt, long i) {
    SplittableRandom r = new SplittableRandom(salt * 0xBF58476D1CE4E5B9L + i);
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  private static int[] sizes(long seed, int conversations, int messages) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] size = new int[conversations];
    int longOnes = Math.max(1, (int) Math.round(conversations * 0.015));
    int medium = (int) Math.round(conversations * 0.10);
    int[] kind = new int[conversations];
    for (int c = 0; c < conversations; c++) {
      kind[c] = c < longOnes ? 2 : c < longOnes + medium ? 1 : 0;
    }
    for (int c = conversations - 1; c > 0; c--) {
      int j = r.nextInt(c + 1);
      int t = kind[c];
      kind[c] = kind[j];
      kind[j] = t;
    }
    long shortAndMedium = 0;
    for (int c = 0; c < conversations; c++) {
      size[c] = switch (kind[c]) {
        case 0 -> 20 + r.nextInt(81);
        case 1 -> 100 + r.nextInt(301);
        default -> 0;
      };
      shortAndMedium += size[c];
    }
    // Small runs (a smoke test): scale the short and medium ones down so the long ones keep a fifth.
    double scale = Math.min(1.0, messages * 0.8 / Math.max(1, shortAndMedium));
    long used = 0;
    for (int c = 0; c < conversations; c++) {
      if (kind[c] != 2) {
        size[c] = Math.max(2, (int) (size[c] * scale));
        used += size[c];
      }
    }
    double[] weight = new double[conversations];
    double total = 0;
    for (int c = 0; c < conversations; c++) {
      if (kind[c] == 2) {
        double u = r.nextDouble();
        weight[c] = 0.6 + 3.0 * u * u * u;
        total += weight[c];
      }
    }
    long rest = messages - used;
    long given = 0;
    int last = -1;
    for (int c = 0; c < conversations; c++) {
      if (kind[c] == 2) {
        size[c] = (int) Math.max(2, Math.round(rest * weight[c] / total));
        given += size[c];
        last = c;
      }
    }
    size[last] += (int) (rest - given);
    if (size[last] < 2) {
      throw new IllegalArgumentException("too few messages for " + conversations + " conversations");
    }
    return size;
  }

  /** Questions and answers of conversation {@code c}, its messages at {@code at..at+size-1}. */
  private void layOut(int c, int at) {
    SplittableRandom r = conversationRandom(c);
    int n = size[c];
    // Long conversations start early (they are the ones used for months).
    long t = (long) (r.nextDouble() * (n > 400 ? SPAN_MILLIS / 3 : SPAN_MILLIS));
    int leaf = -1;
    int lastQuestion = -1;
    int k = 0;
    while (k < n) {
      int q = at + k++;
      boolean edit = lastQuestion >= 0 && r.nextInt(1000) < 15;
      put(q, c, edit ? parent[lastQuestion] : leaf, USER, t);
      lastQuestion = q;
      leaf = q;
      t += 5_000 + r.nextInt(60_000);
      while (k < n) {
        int a = at + k++;
        put(a, c, q, ASSISTANT, t);
        leaf = a;
        t += 10_000 + r.nextInt(50_000);
        if (r.nextInt(100) >= 5) {
          break;
        }
      }
      t += 20_000 + r.nextInt(300_000);
      if (r.nextInt(30) == 0) {
        t += 3_600_000L + (long) (r.nextDouble() * 14 * 86_400_000L);
      }
    }
  }

  private void put(int i, int c, int parentIndex, byte who, long t) {
    conversation[i] = c;
    parent[i] = parentIndex;
    role[i] = who;
    millis[i] = t;
  }

  private int[] sortByTime() {
    int bits = 64 - Long.numberOfLeadingZeros(messages);
    long max = Arrays.stream(millis).max().orElse(0);
    if ((max >>> (63 - bits)) != 0) {
      throw new IllegalStateException("times do not fit the sort key");
    }
    long[] keys = new long[messages];
    for (int i = 0; i < messages; i++) {
      keys[i] = (millis[i] << bits) | i;
    }
    Arrays.sort(keys);
    int[] out = new int[messages];
    long mask = (1L << bits) - 1;
    for (int i = 0; i < messages; i++) {
      out[i] = (int) (keys[i] & mask);
    }
    return out;
  }
}
