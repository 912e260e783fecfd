package dev.pith.inference.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Scores the {@link Sanitizer} on labelled text: precision and recall per entity type, span-level.
 *
 * <ul>
 *   <li>A labelled span is <b>found</b> when one detection of the matching type covers it (from at or before its
 *       start to at or after its end, ignoring whitespace and punctuation at the label's edges).
 *   <li>A detection is <b>right</b> when it overlaps a labelled span of its own type.
 *   <li>Precision is reported for the types the sanitizer claims on that data set: detections of other types (a date
 *       of birth where Presidio labels DATE_TIME) are counted apart, as "not scored".
 * </ul>
 *
 * <pre>
 * inference/bench-pii presidio [FILE]   # ../shared/benchmarks/pii/presidio-synth_dataset_v2.json by default
 * inference/bench-pii corpus [DIR]      # the project's corpus, inference/src/test/resources/pii/*.jsonl
 * inference/bench-pii presidio --misses PERSON   # also print each missed label and wrong detection of a type
 * </pre>
 *
 * The corpus is JSON lines: {@code {"text": "...", "spans": [{"type": "EMAIL_ADDRESS", "start": 5, "end": 22}]}},
 * types named as {@link EntityType}, indices as Java {@code String} indices; a line with no spans is a text with
 * nothing to find (the tricky non-entities). Also prints the time per 2,000 characters.
 */
public final class PiiBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PRESIDIO = Path.of("../shared/benchmarks/pii/presidio-synth_dataset_v2.json");
  private static final Path CORPUS = Path.of("inference/src/test/resources/pii");
  /** Presidio's labels for the kinds Pith claims; its other labels (GPE, ORGANIZATION, DATE_TIME, ...) are not ours. */
  private static final Map<String, EntityType> PRESIDIO_TYPES = Map.of(
      "EMAIL_ADDRESS", EntityType.EMAIL_ADDRESS, "PHONE_NUMBER", EntityType.PHONE_NUMBER,
      "CREDIT_CARD", EntityType.CREDIT_CARD, "IBAN_CODE", EntityType.IBAN_CODE, "US_SSN", EntityType.US_SSN,
      "IP_ADDRESS", EntityType.IP_ADDRESS, "PERSON", EntityType.PERSON, "STREET_ADDRESS", EntityType.STREET_ADDRESS);

  /** One labelled text. */
  record Sample(String text, List<Entity> labels) {}

  private PiiBench() {}

  public static void main(String[] args) throws IOException {
    EntityType misses = null;
    List<String> rest = new ArrayList<>(List.of(args));
    int flag = rest.indexOf("--misses");
    if (flag >= 0 && flag + 1 < rest.size()) {
      misses = EntityType.valueOf(rest.remove(flag + 1));
      rest.remove(flag);
    }
    args = rest.toArray(String[]::new);
    String which = args.length > 0 ? args[0] : "presidio";
    List<Sample> samples;
    java.util.Set<EntityType> scored;
    switch (which) {
      case "presidio" -> {
        samples = presidio(args.length > 1 ? Path.of(args[1]) : PRESIDIO);
        scored = java.util.EnumSet.copyOf(PRESIDIO_TYPES.values());
      }
      case "corpus" -> {
        samples = corpus(args.length > 1 ? Path.of(args[1]) : CORPUS);
        scored = java.util.EnumSet.allOf(EntityType.class);
      }
      default -> throw new IllegalArgumentException("use: presidio [FILE] | corpus [DIR]");
    }
    Sanitizer sanitizer = Sanitizer.standard(new SanitizerOptions("US", List.of()));
    if (misses != null) {
      printMisses(sanitizer, samples, misses);
    }
    Score score = score(sanitizer, samples, scored);
    System.out.print(score.table(which + ": " + samples.size() + " texts"));
    System.out.println(speed(sanitizer, samples));
  }

  /** Presidio's synthetic dataset: {@code full_text} and {@code spans} with Presidio's labels. */
  static List<Sample> presidio(Path file) throws IOException {
    List<Sample> out = new ArrayList<>();
    for (JsonNode record : JSON.readTree(file.toFile())) {
      List<Entity> labels = new ArrayList<>();
      for (JsonNode span : record.path("spans")) {
        EntityType type = PRESIDIO_TYPES.get(span.path("entity_type").asText());
        if (type != null) {
          labels.add(new Entity(type, span.path("start_position").asInt(), span.path("end_position").asInt()));
        }
      }
      out.add(new Sample(record.path("full_text").asText(), labels));
    }
    return out;
  }

  /** Every {@code *.jsonl} file under {@code dir}, sorted by name. */
  static List<Sample> corpus(Path dir) throws IOException {
    List<Sample> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
    for (Path file : files) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
          number++;
          if (line.isBlank()) {
            continue;
          }
          JsonNode node = JSON.readTree(line);
          String text = node.path("text").asText();
          List<Entity> labels = new ArrayList<>();
          for (JsonNode span : node.path("spans")) {
            Entity e = new Entity(EntityType.valueOf(span.path("type").asText()), span.path("start").asInt(),
                span.path("end").asInt());
            if (e.end() > text.length()) {
              throw new IllegalArgumentException(file.getFileName() + ":" + number + ": span past the text's end");
            }
            labels.add(e);
          }
          out.add(new Sample(text, labels));
        }
      }
    }
    return out;
  }

  /** Counts per type; {@code scored} are the types whose precision means something on this data. */
  static Score score(Sanitizer sanitizer, List<Sample> samples, java.util.Set<EntityType> scored) {
    Score score = new Score(scored);
    for (Sample s : samples) {
      List<Entity> found = sanitizer.detect(s.text());
      for (Entity label : s.labels()) {
        Entity trimmed = trim(s.text(), label);
        boolean covered = found.stream().anyMatch(d -> d.type() == label.type()
            && d.start() <= trimmed.start() && d.end() >= trimmed.end());
        score.label(label.type(), covered);
      }
      for (Entity d : found) {
        boolean right = s.labels().stream().anyMatch(l -> l.type() == d.type() && l.overlaps(d));
        score.detection(d.type(), right);
      }
    }
    return score;
  }

  /** Each label of {@code type} not found and each detection of it that is wrong, with some context. */
  static void printMisses(Sanitizer sanitizer, List<Sample> samples, EntityType type) {
    for (Sample s : samples) {
      List<Entity> found = sanitizer.detect(s.text());
      for (Entity label : s.labels()) {
        Entity t = trim(s.text(), label);
        if (label.type() == type && found.stream().noneMatch(d -> d.type() == type && d.start() <= t.start()
            && d.end() >= t.end())) {
          System.out.println("MISS  " + context(s.text(), label));
        }
      }
      for (Entity d : found) {
        if (d.type() == type && s.labels().stream().noneMatch(l -> l.type() == type && l.overlaps(d))) {
          System.out.println("WRONG " + context(s.text(), d));
        }
      }
    }
  }

  private static String context(String text, Entity e) {
    String before = text.substring(Math.max(0, e.start() - 40), e.start());
    String after = text.substring(e.end(), Math.min(text.length(), e.end() + 25));
    return (before + "[[" + text.substring(e.start(), e.end()) + "]]" + after).replace("\n", "⏎");
  }

  /** The label without whitespace and punctuation at its edges (labels are not always tight). */
  static Entity trim(String text, Entity label) {
    int start = label.start();
    int end = label.end();
    while (start < end && edge(text.charAt(start))) {
      start++;
    }
    while (end > start && edge(text.charAt(end - 1))) {
      end--;
    }
    return start == end ? label : new Entity(label.type(), start, end);
  }

  private static boolean edge(char c) {
    return Character.isWhitespace(c) || ",.;:()\"'".indexOf(c) >= 0;
  }

  /** Milliseconds per 2,000 characters over all the texts, after a warm-up. */
  private static String speed(Sanitizer sanitizer, List<Sample> samples) {
    long chars = samples.stream().mapToLong(s -> s.text().length()).sum();
    for (int i = 0; i < 3; i++) {
      samples.forEach(s -> sanitizer.detect(s.text()));
    }
    int rounds = 5;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      samples.forEach(s -> sanitizer.detect(s.text()));
    }
    double millis = (System.nanoTime() - start) / 1e6 / rounds;
    return String.format(Locale.ROOT, "speed: %.3f ms per 2,000 characters (%d characters in %.1f ms)",
        millis * 2000 / chars, chars, millis);
  }

  /** Labels found and detections right, per type. */
  static final class Score {
    final java.util.Set<EntityType> scored;
    final Map<EntityType, int[]> labels = new EnumMap<>(EntityType.class); // {found, total}
    final Map<EntityType, int[]> detections = new EnumMap<>(EntityType.class); // {right, total}
    final Map<EntityType, Integer> unscored = new TreeMap<>();

    Score(java.util.Set<EntityType> scored) {
      this.scored = scored;
    }

    void label(EntityType type, boolean found) {
      int[] n = labels.computeIfAbsent(type, t -> new int[2]);
      n[0] += found ? 1 : 0;
      n[1]++;
    }

    void detection(EntityType type, boolean right) {
      if (!scored.contains(type)) {
        unscored.merge(type, 1, Integer::sum);
        return;
      }
      int[] n = detections.computeIfAbsent(type, t -> new int[2]);
      n[0] += right ? 1 : 0;
      n[1]++;
    }

    double recall(EntityType type) {
      int[] n = labels.getOrDefault(type, new int[2]);
      return n[1] == 0 ? Double.NaN : (double) n[0] / n[1];
    }

    double precision(EntityType type) {
      int[] n = detections.getOrDefault(type, new int[2]);
      return n[1] == 0 ? Double.NaN : (double) n[0] / n[1];
    }

    String table(String title) {
      StringBuilder out = new StringBuilder(title).append('\n');
      out.append(String.format(Locale.ROOT, "%-16s %8s %8s %10s %10s%n", "type", "labels", "found", "recall",
          "precision"));
      int found = 0;
      int total = 0;
      int right = 0;
      int detected = 0;
      for (EntityType type : EntityType.values()) {
        int[] l = labels.getOrDefault(type, new int[2]);
        int[] d = detections.getOrDefault(type, new int[2]);
        if (l[1] == 0 && d[1] == 0) {
          continue;
        }
        out.append(String.format(Locale.ROOT, "%-16s %8d %8d %10s %10s%n", type, l[1], l[0], ratio(l[0], l[1]),
            ratio(d[0], d[1]) + " (" + d[0] + "/" + d[1] + ")"));
        found += l[0];
        total += l[1];
        right += d[0];
        detected += d[1];
      }
      out.append(String.format(Locale.ROOT, "%-16s %8d %8d %10s %10s%n", "overall", total, found,
          ratio(found, total), ratio(right, detected) + " (" + right + "/" + detected + ")"));
      if (!unscored.isEmpty()) {
        out.append("not scored here (no such labels in this data): ").append(unscored).append('\n');
      }
      return out.toString();
    }

    private static String ratio(int a, int b) {
      return b == 0 ? "—" : String.format(Locale.ROOT, "%.3f", (double) a / b);
    }
  }
}
