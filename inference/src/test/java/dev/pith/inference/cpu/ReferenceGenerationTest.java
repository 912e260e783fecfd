package dev.pith.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.Prompt;
import dev.pith.inference.RecordingSink;
import dev.pith.inference.StopReason;
import dev.pith.inference.TestModels;
import dev.pith.inference.onnx.DecoderHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Greedy ids from the Java engine equal the independent numpy reference, for both ONNX layouts. */
class ReferenceGenerationTest {

  static Stream<Arguments> layoutsAndCases() {
    List<Arguments> args = new ArrayList<>();
    for (Path layout : TestModels.layouts()) {
      for (JsonNode c : TestModels.reference().path("cases")) {
        args.add(Arguments.of(layout.getFileName().toString(), c.path("name").asText(), layout, c));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndCases")
  void greedyIdsMatchNumpyReference(String layoutName, String caseName, Path layout, JsonNode c) throws Exception {
    int[] prompt = TestModels.ints(c.path("prompt_ids"));
    int[] expected = TestModels.expectedGreedy(c.path("greedy_ids"));
    try (CpuBackend backend = CpuBackend.load(layout, TestModels.exact())) {
      RecordingSink sink = new RecordingSink();
      GenerationStats stats = backend.generate(
          new GenerationRequest(Prompt.ids(prompt), GenerationSettings.greedy(c.path("max_new_tokens").asInt())),
          sink, new CancellationToken());
      assertArrayEquals(expected, sink.idArray());
      assertEquals(prompt.length, stats.promptTokens());
      assertEquals(expected.length, stats.generatedTokens());
      StopReason reason = expected.length < c.path("max_new_tokens").asInt() ? StopReason.EOS : StopReason.MAX_TOKENS;
      assertEquals(reason, stats.stopReason());
      assertEquals("cpu", stats.backend());
      assertTrue(stats.ttftMillis() > 0 && stats.decodeTokensPerSecond() > 0 && stats.prefillTokensPerSecond() > 0,
          () -> "timings must be measured: " + stats);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndCases")
  void firstStepLogitsMatchNumpyReference(String layoutName, String caseName, Path layout, JsonNode c)
      throws Exception {
    int[] prompt = TestModels.ints(c.path("prompt_ids"));
    try (DecoderHarness h = DecoderHarness.open(layout)) {
      float[] logits = h.prefill(prompt);
      for (JsonNode pair : c.path("first_step_logits_top10")) {
        int id = pair.get(0).asInt();
        double value = pair.get(1).asDouble();
        assertEquals(value, logits[id], 1e-3 * Math.max(1, Math.abs(value)), "logit of token " + id);
      }
    }
  }
}
