package dev.pith.inference.genai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import dev.pith.inference.SamplingSettings;
import dev.pith.inference.TestModels;
import dev.pith.inference.onnx.DecoderHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorTest {

  @Test
  void stopsOnAnyEndOfSequenceId() throws Exception {
    var c = TestModels.reference().path("cases").get(1);
    int[] prompt = TestModels.ints(c.path("prompt_ids"));
    int[] greedy = TestModels.ints(c.path("greedy_ids"));
    int eos = greedy[3];
    try (DecoderHarness h = DecoderHarness.open(TestModels.GENAI);
         OrtSession.RunOptions ro = new OrtSession.RunOptions()) {
      Generator g = new Generator(h.decoder, prompt.length + 20, SamplingSettings.GREEDY, Set.of(9999, eos), ro);
      g.appendPrompt(prompt, 0);
      List<Integer> out = new ArrayList<>();
      while (!g.isDone()) {
        out.add(g.generateNextToken());
      }
      int firstEos = 0;
      while (greedy[firstEos] != eos) {
        firstEos++;
      }
      assertEquals(firstEos + 1, out.size());
      assertTrue(g.endedOnEos());
      assertEquals(prompt.length + out.size(), g.tokenCount());
      assertThrows(IllegalStateException.class, g::generateNextToken);
    }
  }

  @Test
  void kvCacheGrowsByOneTokenPerStep() throws Exception {
    int[] prompt = TestModels.ints(TestModels.reference().path("cases").get(2).path("prompt_ids"));
    try (DecoderHarness h = DecoderHarness.open(TestModels.OPTIMUM);
         OrtSession.RunOptions ro = new OrtSession.RunOptions()) {
      Generator g = new Generator(h.decoder, prompt.length + 5, SamplingSettings.GREEDY, Set.of(), ro);
      g.appendPrompt(prompt, 0);
      assertEquals(prompt.length, h.decoder.length());
      for (int step = 0; step < 5; step++) {
        g.generateNextToken();
        // The token just chosen is fed lazily, at the next step: the prompt is never re-run.
        assertEquals(prompt.length + step, h.decoder.length());
      }
      assertTrue(g.isDone());
    }
  }
}
