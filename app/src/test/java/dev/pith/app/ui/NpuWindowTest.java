package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.cli.Catalogs;
import dev.pith.app.ui.chat.ThreadItem;
import dev.pith.app.ui.settings.BackendPrefs;
import dev.pith.inference.hailo.FakeHailoOllama;
import dev.pith.inference.hailo.HailoOptions;
import dev.pith.inference.hailo.HailoTimeouts;
import dev.pith.inference.models.Catalog;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on Auto with an AI HAT+ 2 (a fixture sysfs tree with the Hailo-10H and its driver node) and
 * hailo-ollama (the fake server over real HTTP): answers come from the NPU under the badge "NPU"; when the
 * server dies mid-answer, that answer fails with its reason, the window says answers now run on the CPU, the
 * badge turns "CPU", and the next answer comes from the tiny CPU model.
 */
@ExtendWith(ApplicationExtension.class)
class NpuWindowTest {
  @TempDir Path dir;
  private FakeHailoOllama server;
  private WindowHarness harness;

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void autoAnswersOnTheNpuAndFallsBackToTheCpuWhenItsServerDies(FxRobot robot) throws Exception {
    server = FakeHailoOllama.start().models(FakeHailoOllama.QWEN).reply("Hello", " from", " the", " NPU");
    Path root = hailoTree(dir.resolve("sysfs"));
    // The CPU model under its catalog id: its NPU twin is the catalog's qwen2.5 model on hailo-ollama.
    Path data = Files.createDirectories(dir.resolve("data"));
    Path model = copy(WindowHarness.TINY, data.resolve("models/qwen2.5-1.5b-instruct-int4-cpu"));
    Catalog catalog = Catalogs.load(null, Map.of());
    HailoOptions hailo = new HailoOptions(server.url(), root, Map.of(), new HailoTimeouts(Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), Duration.ofSeconds(5),
        Optional.empty(), Optional.empty());
    harness = new WindowHarness(data, Optional.of(model),
        new WindowBackends(WindowHarness.EXACT, () -> BackendPrefs.Choice.AUTO, hailo, catalog));
    robot.interact(() -> harness.show(new Stage()));
    harness.waitForModel();
    assertEquals("NPU", badge(robot));

    ask(robot, "Who answers?");
    Message first = lastAnswer();
    assertEquals("Hello from the NPU", first.content());
    assertEquals("hailo", first.backend());
    assertEquals(FakeHailoOllama.QWEN, first.modelId(), "stored with the model that answered");
    assertEquals(FakeHailoOllama.QWEN, server.lastChat().path("model").asText());

    server.failNextChat(FakeHailoOllama.Fault.RESET_MID_STREAM);
    ask(robot, "And now?");
    String banner = WaitForAsyncUtils.asyncFx(() -> harness.window.controller().problemProperty().get()).get();
    assertTrue(banner.startsWith("The NPU stopped answering (") && banner.endsWith("answers now run on the CPU"),
        banner);
    assertEquals("CPU", badge(robot));
    int chats = server.requests("/api/chat").size();

    ask(robot, "Still there?");
    Message third = lastAnswer();
    assertEquals("cpu", third.backend());
    assertFalse(third.content().isEmpty(), "the tiny CPU model answered");
    assertEquals(chats, server.requests("/api/chat").size(), "the NPU was not asked again");
  }

  private static String badge(FxRobot robot) throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".backend-badge").queryAs(Label.class).getText()).get();
  }

  /** Asks and waits until the question and its answer (or its failure) are stored and shown. */
  private void ask(FxRobot robot, String question) throws Exception {
    int before = WaitForAsyncUtils.asyncFx(() -> harness.window.controller().thread().size()).get();
    TextArea input = robot.lookup("#question-input").queryAs(TextArea.class);
    robot.clickOn(input);
    robot.interact(() -> input.setText(question));
    robot.type(KeyCode.ENTER);
    WindowHarness.waitUntil(() -> harness.window.controller().thread().size() >= before + 2
        && !harness.window.controller().busyProperty().get()
        && harness.window.controller().thread().stream().noneMatch(ThreadItem::isLive), 60);
  }

  private Message lastAnswer() throws Exception {
    List<ThreadItem> items = WaitForAsyncUtils.asyncFx(() -> List.copyOf(harness.window.controller().thread())).get();
    ThreadItem last = items.get(items.size() - 1);
    return harness.db.read(c -> new MessageDao(c).find(last.id())).orElseThrow();
  }

  /** A Hailo-10H on the PCI bus and its driver's device node, as Linux shows them. */
  private static Path hailoTree(Path root) throws IOException {
    Path device = Files.createDirectories(root.resolve("sys/bus/pci/devices/0001:01:00.0"));
    Files.writeString(device.resolve("vendor"), "0x1e60\n");
    Files.writeString(device.resolve("device"), "0x45c4\n");
    Files.createDirectories(root.resolve("dev"));
    Files.writeString(root.resolve("dev/hailo0"), "");
    return root;
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }
}
