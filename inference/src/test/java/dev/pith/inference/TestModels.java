package dev.pith.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The committed tiny random-weight models (see inference/tools/testmodels) and the numpy reference
 * computed for them.
 */
public final class TestModels {
  public static final Path ROOT = Path.of("src", "test", "resources", "models").toAbsolutePath();
  public static final Path GENAI = ROOT.resolve("tiny-genai");
  public static final Path OPTIMUM = ROOT.resolve("tiny-optimum");
  public static final Path TEMPLATES = Path.of("src", "test", "resources", "templates").toAbsolutePath();

  private static JsonNode reference;

  private TestModels() {}

  public static synchronized JsonNode reference() {
    if (reference == null) {
      try {
        reference = new ObjectMapper().readTree(ROOT.resolve("reference.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return reference;
  }

  public static List<Path> layouts() {
    return List.of(GENAI, OPTIMUM);
  }

  public static int[] ints(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
  }

  /** The prompt ids of the reference case at {@code caseIndex}. */
  public static int[] promptIds(int caseIndex) {
    return ints(reference().path("cases").get(caseIndex).path("prompt_ids"));
  }

  public static List<Integer> eosIds() {
    List<Integer> ids = new ArrayList<>();
    reference().path("model").path("eos_token_ids").forEach(n -> ids.add(n.asInt()));
    return ids;
  }

  /** The reference's greedy ids, cut after the first end-of-sequence id (which Pith stops on). */
  public static int[] expectedGreedy(JsonNode greedyIds) {
    int[] all = ints(greedyIds);
    List<Integer> eos = eosIds();
    for (int i = 0; i < all.length; i++) {
      if (eos.contains(all[i])) {
        return java.util.Arrays.copyOf(all, i + 1);
      }
    }
    return all;
  }
}
