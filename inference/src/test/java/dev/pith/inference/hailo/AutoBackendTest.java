package dev.pith.inference.hailo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.Prompt;
import dev.pith.inference.RecordingSink;
import dev.pith.inference.TestModels;
import dev.pith.inference.cpu.CpuBackend;
import dev.pith.inference.hailo.FakeHailoOllama.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Auto": the NPU (the fake server) while it works, the tiny CPU model from the message after it fails. */
class AutoBackendTest {
  private static final GenerationRequest HI = new GenerationRequest(Prompt.chat(List.of(ChatMessage.user("Hi?"))),
      GenerationSettings.greedy(4));

  @TempDir Path root;
  private FakeHailoOllama fake;
  private final AtomicInteger cpuLoads = new AtomicInteger();
  private final List<String> messages = new ArrayList<>();
  private AutoBackend auto;

  @BeforeEach
  void start() throws Exception {
    fake = FakeHailoOllama.start();
    HailoBackend npu = HailoBackend.connect(HailoBackendTest.options(root, fake.url()),
        HailoModel.named(FakeHailoOllama.QWEN), HailoPullListener.NONE, new CancellationToken());
    auto = new AutoBackend(npu, () -> {
      cpuLoads.incrementAndGet();
      return CpuBackend.load(TestModels.GENAI, TestModels.exact());
    }, (message, cause) -> messages.add(message));
  }

  @AfterEach
  void stop() throws Exception {
    auto.close();
    fake.close();
  }

  @Test
  void answersOnTheNpuWhileItWorks() throws Exception {
    RecordingSink sink = new RecordingSink();
    GenerationStats stats = auto.generate(HI, sink, new CancellationToken());
    assertEquals("Hello, wörld!", sink.text());
    assertEquals("hailo", stats.backend());
    assertEquals("hailo", auto.id());
    assertEquals(0, cpuLoads.get(), "the CPU model is not loaded while the NPU works");
  }

  @Test
  void aFailedNpuAnswerFailsThenTheNextMessageRunsOnTheCpu() throws Exception {
    fake.failNextChat(Fault.RESET_MID_STREAM);
    RecordingSink first = new RecordingSink();
    HailoException e = assertThrows(HailoException.class, () -> auto.generate(HI, first, new CancellationToken()));

    assertEquals("Hello,", first.text(), "the failed answer keeps what the NPU streamed, nothing more");
    assertEquals(0, cpuLoads.get(), "the failed message is not answered again on the CPU");
    assertEquals(List.of("The NPU stopped answering (" + e.getMessage() + "); answers now run on the CPU"),
        messages);
    assertFalse(auto.onNpu());
    assertEquals("cpu", auto.id());

    RecordingSink second = new RecordingSink();
    GenerationStats stats = auto.generate(HI, second, new CancellationToken());
    assertEquals("cpu", stats.backend());
    assertTrue(stats.generatedTokens() > 0);
    assertEquals(1, cpuLoads.get());
    assertEquals(1, fake.requests("/api/chat").size(), "the NPU was asked once, for the first message only");
    assertEquals(List.of(), messages.subList(1, messages.size()), "the switch is reported once");
    assertEquals(TestModels.GENAI.getFileName().toString(), auto.model().name());
  }

  @Test
  void aDeadServerSwitchesTooAndRequestProblemsDoNot() throws Exception {
    GenerationException refused = assertThrows(GenerationException.class, () -> auto.generate(
        new GenerationRequest(Prompt.ids(1, 2), GenerationSettings.greedy(4)), new RecordingSink(),
        new CancellationToken()));
    assertFalse(refused instanceof HailoException);
    assertTrue(auto.onNpu(), "a request the NPU refuses is not the NPU failing");

    fake.close();
    assertThrows(HailoException.class, () -> auto.generate(HI, new RecordingSink(), new CancellationToken()));
    assertFalse(auto.onNpu());
    assertTrue(messages.get(0).contains("is not reachable (connection refused)"), messages::toString);
  }

  @Test
  void aCpuModelThatCannotLoadIsOneLineAndTriedAgainNextTime() throws Exception {
    HailoBackend npu = HailoBackend.connect(HailoBackendTest.options(root, fake.url()),
        HailoModel.named(FakeHailoOllama.QWEN), HailoPullListener.NONE, new CancellationToken());
    try (AutoBackend broken = new AutoBackend(npu, () -> {
      throw new ModelLoadException(root + ": tokenizer.json is missing");
    }, (message, cause) -> { })) {
      fake.failNextChat(Fault.STATUS_500);
      assertThrows(HailoException.class, () -> broken.generate(HI, new RecordingSink(), new CancellationToken()));
      GenerationException e = assertThrows(GenerationException.class,
          () -> broken.generate(HI, new RecordingSink(), new CancellationToken()));
      assertEquals("the NPU stopped answering and the CPU model cannot be loaded: " + root
          + ": tokenizer.json is missing", e.getMessage());
      assertSame(GenerationException.class, e.getClass());
    }
  }
}
