package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.TokenSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The sink on the real JavaFX thread (headless Monocle), fed by a thread as fast as a thread can go. */
class CoalescingTextSinkTest {
  @BeforeAll
  static void startJavaFx() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void everyPieceArrivesInOrderOnTheFxThreadInFarFewerUpdatesThanTokens() throws Exception {
    int tokens = 20_000;
    List<CoalescingTextSink.Chunk> chunks = new ArrayList<>(); // touched on the FX thread only
    List<Boolean> onFxThread = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    StringBuilder expected = new StringBuilder();
    CoalescingTextSink sink = new CoalescingTextSink(Platform::runLater, chunk -> {
      onFxThread.add(Platform.isFxApplicationThread());
      chunks.add(chunk);
      if (chunk.text().endsWith("<end>")) {
        done.countDown();
      }
    });

    Thread inference = new Thread(() -> {
      for (int i = 0; i < tokens; i++) {
        sink.onToken(i, "t" + i + " ");
      }
      sink.onToken(TokenSink.NO_TOKEN, "<end>");
    }, "pith-inference");
    for (int i = 0; i < tokens; i++) {
      expected.append("t").append(i).append(' ');
    }
    expected.append("<end>");
    inference.start();
    assertTrue(done.await(30, TimeUnit.SECONDS));
    inference.join();

    CountDownLatch read = new CountDownLatch(1);
    String[] text = new String[1];
    int[] counted = new int[1];
    int[] updates = new int[1];
    Platform.runLater(() -> {
      StringBuilder all = new StringBuilder();
      chunks.forEach(c -> all.append(c.text()));
      text[0] = all.toString();
      counted[0] = chunks.stream().mapToInt(CoalescingTextSink.Chunk::tokens).sum();
      updates[0] = chunks.size();
      assertTrue(onFxThread.stream().allMatch(b -> b));
      read.countDown();
    });
    assertTrue(read.await(10, TimeUnit.SECONDS));
    assertEquals(expected.toString(), text[0]);
    assertEquals(tokens, counted[0], "held-back text is not a token");
    assertTrue(updates[0] < tokens / 10, updates[0] + " UI updates for " + tokens + " tokens");
  }
}
