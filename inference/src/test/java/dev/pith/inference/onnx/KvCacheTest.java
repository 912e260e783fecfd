package dev.pith.inference.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.inference.TestModels;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KvCacheTest {

  static Path[] layouts() {
    return TestModels.layouts().toArray(Path[]::new);
  }

  private static JsonNode longCase() {
    for (JsonNode c : TestModels.reference().path("cases")) {
      if (c.path("prompt_ids").size() > 100) {
        return c;
      }
    }
    throw new AssertionError("reference.json has no prompt over 100 tokens");
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void cachedDecodingEqualsFullRecompute(Path layout) throws Exception {
    int[] prompt = TestModels.ints(TestModels.reference().path("cases").get(1).path("prompt_ids"));
    int steps = 12;
    try (DecoderHarness h = DecoderHarness.open(layout, 256)) {
      int[] sequence = Arrays.copyOf(prompt, prompt.length + steps);
      float[][] cachedLogits = new float[steps][];
      float[] logits = h.prefill(prompt);
      for (int s = 0; s < steps; s++) {
        cachedLogits[s] = logits;
        sequence[prompt.length + s] = DecoderHarness.argmax(logits);
        logits = h.append(new int[] {sequence[prompt.length + s]});
      }
      assertEquals(prompt.length + steps, h.decoder.length());
      for (int s = 0; s < steps; s++) {
        float[] recomputed = h.prefill(Arrays.copyOf(sequence, prompt.length + s));
        assertArrayEquals(recomputed, cachedLogits[s], 1e-4f, "step " + s);
        assertEquals(sequence[prompt.length + s], DecoderHarness.argmax(recomputed), "step " + s);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void prefillInChunksEqualsOneRun(Path layout) throws Exception {
    int[] prompt = TestModels.ints(longCase().path("prompt_ids"));
    float[] whole;
    try (DecoderHarness h = DecoderHarness.open(layout, 256)) {
      whole = h.prefill(prompt);
    }
    try (DecoderHarness h = DecoderHarness.open(layout, 16)) {
      assertArrayEquals(whole, h.prefill(prompt), 1e-4f);
      assertEquals(prompt.length, h.decoder.length());
    }
  }
}
