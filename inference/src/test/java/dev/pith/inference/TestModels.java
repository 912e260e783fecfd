package dev.pith.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.onnx.optimize.ModelOptimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The committed tiny random-weight models (see inference/tools/testmodels) and the numpy reference
 * computed for them.
 */
public final class TestModels {
  /**
   * The copies Maven puts in target/test-classes, not the sources: loading a model writes its optimized
   * copy next to it.
   */
  public static final Path ROOT = Path.of("target", "test-classes", "models").toAbsolutePath();
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

  /**
   * Copies a committed model folder (recursively) to {@code to}, without the optimized copies that loading
   * it leaves next to it; returns {@code to}. Tests that change or break a model work on such a copy.
   */
  public static Path copyFolder(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else if (!p.getFileName().toString().contains(".pith.")) {
          Files.copy(p, dest);
        }
      }
    }
    return to;
  }

  /** The prompt ids of the reference case at {@code caseIndex}. */
  public static int[] promptIds(int caseIndex) {
    return ints(reference().path("cases").get(caseIndex).path("prompt_ids"));
  }

  /**
   * Backend options whose arithmetic matches the numpy reference exactly: the graph optimizer only cuts
   * the logits to the last position, and leaves accuracy_level alone (level 4 quantizes activations to
   * int8, which moves a random tiny model's logits enough to change greedy picks).
   */
  public static CpuBackendOptions exact() {
    return CpuBackendOptions.defaults().withRewrites(EnumSet.of(ModelOptimizer.Rewrite.LAST_TOKEN_LOGITS));
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
