package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.ui.settings.AppearancePage;
import dev.pith.app.ui.settings.BackendPage;
import dev.pith.app.ui.settings.BackendPrefs;
import dev.pith.app.ui.settings.GenerationPage;
import dev.pith.app.ui.settings.GenerationPrefs;
import dev.pith.app.ui.settings.Hardware;
import dev.pith.app.ui.settings.PrivacyPage;
import dev.pith.app.ui.settings.SettingsStore;
import dev.pith.app.ui.settings.SettingsView;
import dev.pith.app.ui.sidebar.Sidebar;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.Prompt;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SettingsDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.Node;
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
 * Settings in the real window, on a real database, with the tiny model: opening it, answers that follow its
 * values (for every conversation or for one), values that outlive the window, refused input, model reloads,
 * clearing the history, and the hardware it reports.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsWindowTest {
  @TempDir Path dir;
  private WindowHarness harness;
  private Stage stage;
  private SettingsHandle settings;

  @AfterEach
  void closeWindow() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private void show(WindowHarness h, FxRobot robot) throws Exception {
    harness = h;
    stage = WaitForAsyncUtils.asyncFx(() -> {
      Stage s = new Stage();
      h.show(s);
      return s;
    }).get();
    settings = new SettingsHandle(robot, stage);
  }

  private WindowHarness.Recording showRecording(FxRobot robot) throws Exception {
    WindowHarness.Recording recording = new WindowHarness.Recording();
    show(WindowHarness.recording(Files.createDirectories(dir.resolve("data")), recording), robot);
    harness.waitForModel();
    return recording;
  }

  private void ask(FxRobot robot, String question) throws Exception {
    harness.waitForModel();
    robot.interact(() -> harness.window.controller().send(question));
    harness.waitUntilIdle();
  }

  private UUID openConversation() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> harness.window.controller().openProperty().get().id()).get();
  }

  private Message lastAnswer() throws Exception {
    UUID id = WaitForAsyncUtils.asyncFx(() -> {
      var thread = harness.window.controller().thread();
      return thread.get(thread.size() - 1).id();
    }).get();
    return harness.db.read(c -> new MessageDao(c).find(id)).orElseThrow();
  }

  private Optional<String> setting(String key) {
    return harness.db.read(c -> new SettingsDao(c).get(key));
  }

  /** Opens Settings with Ctrl+, and waits for the Generation page's values (read off the FX thread). */
  private void openSettings() throws Exception {
    settings.pressCtrlComma();
    settings.waitUntilShown(true);
    WindowHarness.waitUntil(() -> !stage.getScene().lookup("#" + GenerationPage.OWN_ID).isDisabled()
        || harness.window.controller().openProperty().get() == null, 10);
  }

  @Test
  void ctrlCommaAndTheSidebarEntryOpenSettingsAndEscAndBackLeaveIt(FxRobot robot) throws Exception {
    show(new WindowHarness(Files.createDirectories(dir.resolve("data")), Optional.empty(), WindowHarness.EXACT), robot);
    settings.pressCtrlComma();
    settings.waitUntilShown(true);
    assertEquals("Generation", settings.page());
    assertEquals(SettingsView.PAGES_ID, WaitForAsyncUtils.asyncFx(() -> stage.getScene().getFocusOwner().getId()).get(),
        "the keyboard is on the page list");
    assertFalse(WaitForAsyncUtils.asyncFx(() -> stage.getScene().lookup(".sidebar").isVisible()
        && stage.getScene().lookup(".sidebar").getParent().isVisible()).get(), "the chat and sidebar are hidden");

    settings.pressKey(KeyCode.DOWN);
    assertEquals("Backend", settings.page(), "Up and Down in the list choose a page");
    settings.pressKey(KeyCode.UP);
    settings.pressKey(KeyCode.UP);
    assertEquals("Models", settings.page());
    settings.pressKey(KeyCode.DOWN);
    settings.pressKey(KeyCode.TAB);
    assertTrue(WaitForAsyncUtils.asyncFx(() -> stage.getScene().getFocusOwner().getId()).get()
        .startsWith("setting-"), "Tab goes from the list into the page");

    settings.pressEscape();
    settings.waitUntilShown(false);
    assertEquals("question-input", WaitForAsyncUtils.asyncFx(() -> stage.getScene().getFocusOwner().getId()).get());

    Node entry = WaitForAsyncUtils.asyncFx(() -> stage.getScene().lookup("#" + Sidebar.SETTINGS_ID)).get();
    assertEquals("Settings (Ctrl+,)", entry.getAccessibleText());
    settings.press(Sidebar.SETTINGS_ID);
    settings.waitUntilShown(true);
    settings.choose("Appearance");
    assertEquals("Appearance", settings.page());
    settings.press(AppearancePage.DARK_ID);
    assertFalse(harness.window.theme().appearance().dark(), "the theme changes at once");
    settings.press(SettingsView.BACK_ID);
    settings.waitUntilShown(false);

    settings.pressCtrlComma();
    settings.waitUntilShown(true);
    assertEquals("Appearance", settings.page(), "Settings opens again where it was left");
    settings.pressCtrlComma();
    settings.waitUntilShown(false);
  }

  @Test
  void theNextAnswerUsesTheNewTemperatureMaxTokensAndSystemPrompt(FxRobot robot) throws Exception {
    WindowHarness.Recording recording = showRecording(robot);
    openSettings();
    settings.enter(GenerationPage.MAX_TOKENS_ID, "3");
    settings.enter(GenerationPage.TEMPERATURE_ID, "0");
    settings.type(GenerationPage.SYSTEM_PROMPT_ID, "Answer like a pirate.");
    settings.pressEscape(); // leaving keeps the system prompt that was typed
    settings.waitUntilShown(false);

    ask(robot, "Hello there");
    GenerationRequest request = recording.lastRequest();
    assertEquals(3, request.settings().maxTokens());
    assertTrue(request.settings().sampling().isGreedy(), request.settings().toString());
    List<ChatMessage> prompt = ((Prompt.Chat) request.prompt()).messages();
    assertEquals(List.of(ChatMessage.system("Answer like a pirate."), ChatMessage.user("Hello there")), prompt);
    Message answer = lastAnswer();
    assertTrue(answer.metrics().generatedTokens() <= 3, answer.metrics().toString());
    assertEquals(2, WaitForAsyncUtils.asyncFx(() -> harness.window.controller().thread().size()).get(),
        "the system prompt is not stored as a message");
  }

  @Test
  void aConversationsOwnSettingsApplyOnlyToItAndGoWithIt(FxRobot robot) throws Exception {
    WindowHarness.Recording recording = showRecording(robot);
    ask(robot, "First conversation");
    UUID first = openConversation();

    openSettings();
    settings.press(GenerationPage.OWN_ID);
    settings.enter(GenerationPage.MAX_TOKENS_ID, "2");
    settings.pressEscape();
    settings.waitUntilShown(false);
    assertTrue(setting(SettingsStore.overrideKey(first)).orElseThrow().contains("\"maxTokens\":2"));

    ask(robot, "Again in the first");
    assertEquals(2, recording.lastRequest().settings().maxTokens());
    assertTrue(lastAnswer().metrics().generatedTokens() <= 2);

    robot.interact(() -> harness.window.controller().newChat());
    ask(robot, "A second conversation");
    UUID second = openConversation();
    assertEquals(GenerationPrefs.DEFAULT.maxTokens(), recording.lastRequest().settings().maxTokens(),
        "other conversations keep the common settings");
    openSettings();
    assertEquals(String.valueOf(GenerationPrefs.DEFAULT.maxTokens()), settings.text(GenerationPage.MAX_TOKENS_ID));
    assertFalse(WaitForAsyncUtils.asyncFx(() ->
        ((javafx.scene.control.CheckBox) stage.getScene().lookup("#" + GenerationPage.OWN_ID)).isSelected()).get());
    settings.pressEscape();
    settings.waitUntilShown(false);
    assertTrue(setting(SettingsStore.overrideKey(second)).isEmpty());

    robot.interact(() -> {
      harness.window.controller().delete(first);
      harness.window.controller().commitDelete(first);
    });
    WindowHarness.waitUntil(() -> setting(SettingsStore.overrideKey(first)).isEmpty(), 10);
  }

  @Test
  void valuesComeBackWhenTheWindowIsClosedAndOpenedAgain(FxRobot robot) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    WindowHarness.Recording first = new WindowHarness.Recording();
    show(WindowHarness.recording(data, first), robot);
    harness.waitForModel();
    openSettings();
    settings.enter(GenerationPage.TEMPERATURE_ID, "1.3");
    settings.type(GenerationPage.TOP_K_ID, "5");
    settings.type(GenerationPage.SYSTEM_PROMPT_ID, "Be brief.");
    settings.choose("Backend"); // leaving the page keeps what was typed on it
    settings.enter(BackendPage.THREADS_ID, "2");
    WindowHarness.waitUntil(() -> first.loads.size() == 2, 30);
    harness.close();

    WindowHarness.Recording second = new WindowHarness.Recording();
    show(WindowHarness.recording(data, second), robot);
    harness.waitForModel();
    assertEquals(2, second.loads.get(0).intraOpThreads(), "the model loads with the saved threads");
    openSettings();
    assertEquals("1.3", settings.text(GenerationPage.TEMPERATURE_ID));
    assertEquals("5", settings.text(GenerationPage.TOP_K_ID));
    assertEquals("Be brief.", settings.text(GenerationPage.SYSTEM_PROMPT_ID));
    assertEquals("0.8", settings.text(GenerationPage.TOP_P_ID));
    settings.choose("Backend");
    assertEquals("2", settings.text(BackendPage.THREADS_ID));
  }

  @Test
  void invalidInputIsRefusedWithAMessageAndNothingElseIsLost(FxRobot robot) throws Exception {
    show(new WindowHarness(Files.createDirectories(dir.resolve("data")), Optional.empty(), WindowHarness.EXACT), robot);
    openSettings();
    settings.enter(GenerationPage.TEMPERATURE_ID, "abc");
    assertEquals("Not saved. Enter a number from 0 to 2.", settings.problem(GenerationPage.TEMPERATURE_ID));
    settings.enter(GenerationPage.TOP_K_ID, "-3");
    assertEquals("Not saved. Enter a whole number from 0 to 1000.", settings.problem(GenerationPage.TOP_K_ID));
    settings.enter(GenerationPage.MAX_TOKENS_ID, "100");
    assertEquals("", settings.problem(GenerationPage.MAX_TOKENS_ID));
    settings.enter(GenerationPage.CONTEXT_LENGTH_ID, "100");
    assertTrue(settings.problem(GenerationPage.CONTEXT_LENGTH_ID).contains("from 512 to 32768"));

    WindowHarness.waitUntil(() -> setting(SettingsStore.GENERATION).isPresent(), 10);
    GenerationPrefs saved = SettingsStore.open(harness.db).generation();
    assertEquals(100, saved.maxTokens());
    assertEquals(GenerationPrefs.DEFAULT.temperature(), saved.temperature());
    assertEquals(GenerationPrefs.DEFAULT.topK(), saved.topK());
    assertEquals(BackendPrefs.DEFAULT.contextLength(), SettingsStore.open(harness.db).backend().contextLength());
    assertEquals("abc", settings.text(GenerationPage.TEMPERATURE_ID), "what was typed stays to be fixed");
    assertEquals("-3", settings.text(GenerationPage.TOP_K_ID));

    settings.enter(GenerationPage.TEMPERATURE_ID, "0,5");
    assertEquals("", settings.problem(GenerationPage.TEMPERATURE_ID));
    WindowHarness.waitUntil(() -> SettingsStore.open(harness.db).generation().temperature() == 0.5, 10);
  }

  @Test
  void threadsAndContextLengthReloadTheModelAndTheConversationStays(FxRobot robot) throws Exception {
    WindowHarness.Recording recording = showRecording(robot);
    ask(robot, "Keep this conversation");
    UUID conversation = openConversation();
    assertEquals(1, recording.loads.size());
    assertEquals(BackendPrefs.DEFAULT.contextLength(), recording.loads.get(0).contextLimit());

    openSettings();
    settings.enter(GenerationPage.CONTEXT_LENGTH_ID, "1024");
    WindowHarness.waitUntil(() -> recording.loads.size() == 2, 30);
    assertEquals(1024, recording.loads.get(1).contextLimit());
    settings.choose("Backend");
    settings.enter(BackendPage.THREADS_ID, "3");
    WindowHarness.waitUntil(() -> recording.loads.size() == 3, 30);
    assertEquals(3, recording.loads.get(2).intraOpThreads());
    assertEquals(1024, recording.loads.get(2).contextLimit());
    settings.press(BackendPage.CHOICE_ID_PREFIX + "cpu");
    WindowHarness.waitUntil(() -> recording.loads.size() == 4, 30); // Auto to CPU: the model moves, so it reloads
    assertEquals(3, recording.loads.get(3).intraOpThreads());
    settings.pressEscape();
    harness.waitForModel();

    assertEquals(conversation, openConversation());
    assertEquals(2, WaitForAsyncUtils.asyncFx(() -> harness.window.controller().thread().size()).get());
    ask(robot, "And on");
    assertEquals(4, WaitForAsyncUtils.asyncFx(() -> harness.window.controller().thread().size()).get());
  }

  @Test
  void clearHistoryAsksWithTheCountThenEmptiesTheSidebar(FxRobot robot) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    WindowHarness h = new WindowHarness(data, Optional.empty(), WindowHarness.EXACT);
    UUID withSettings = seedConversations(h, 3);
    SettingsStore.open(h.db).saveOverride(withSettings, GenerationPrefs.DEFAULT.withMaxTokens(7)).join();
    show(h, robot);
    WindowHarness.waitUntil(() -> harness.window.controller().conversations().size() == 3, 10);

    settings.press(Sidebar.SETTINGS_ID);
    settings.waitUntilShown(true);
    settings.choose("Privacy");
    settings.press(PrivacyPage.OPEN_FOLDER_ID);
    WindowHarness.waitUntil(() -> harness.openedLinks.contains(data.toAbsolutePath().toUri().toString()), 10);

    settings.press(PrivacyPage.CLEAR_ID);
    WindowHarness.waitUntil(() -> stage.getScene().lookup("#" + PrivacyPage.CONFIRM_BOX_ID).isVisible(), 10);
    assertEquals("Delete 3 conversations", settings.text(PrivacyPage.CONFIRM_ID));
    settings.press(PrivacyPage.CANCEL_ID);
    assertFalse(settings.visible(PrivacyPage.CONFIRM_BOX_ID));
    assertEquals(3L, (long) harness.db.read(c -> new ConversationDao(c).count()));

    settings.press(PrivacyPage.CLEAR_ID);
    WindowHarness.waitUntil(() -> stage.getScene().lookup("#" + PrivacyPage.CONFIRM_BOX_ID).isVisible(), 10);
    settings.press(PrivacyPage.CONFIRM_ID);
    WindowHarness.waitUntil(() -> "Deleted 3 conversations.".equals(
        ((javafx.scene.control.Label) stage.getScene().lookup("#" + PrivacyPage.RESULT_ID)).getText()), 10);
    assertEquals(0L, (long) harness.db.read(c -> new ConversationDao(c).count()));
    assertTrue(setting(SettingsStore.overrideKey(withSettings)).isEmpty());
    settings.pressEscape();
    settings.waitUntilShown(false);
    WindowHarness.waitUntil(() -> harness.window.controller().conversations().isEmpty()
        && stage.getScene().getRoot().lookupAll(".sidebar .list-cell").stream()
            .allMatch(c -> ((javafx.scene.control.ListCell<?>) c).isEmpty()), 10);
  }

  private static UUID seedConversations(WindowHarness h, int count) {
    Instant now = Instant.now();
    return h.db.writeAndWait("seed", c -> {
      UUID last = null;
      for (int i = 0; i < count; i++) {
        last = UUID.randomUUID();
        new ConversationDao(c).insert(new Conversation(last, "Conversation " + i, now, now, false, false));
        new MessageDao(c).insert(Message.written(last, null, Role.USER, "Question " + i, now));
      }
      return last;
    });
  }

  @Test
  void theBackendPageShowsTheHardwareOfTheFixtureTreeWithItsHailoDevice(FxRobot robot) throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("proc"));
    StringBuilder cpuinfo = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      cpuinfo.append("processor\t: ").append(i).append("\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\n")
          .append("CPU part\t: 0xd0b\n\n");
    }
    cpuinfo.append("Revision\t: d04170\nModel\t\t: Raspberry Pi 5 Model B Rev 1.0\n");
    Files.writeString(root.resolve("proc/cpuinfo"), cpuinfo);
    Files.writeString(root.resolve("proc/meminfo"), "MemTotal:        8245760 kB\nMemFree:  100 kB\n");
    for (String[] device : new String[][] {{"0000:00:00.0", "0x14e4", "0x2712"}, {"0001:01:00.0", "0x1e60",
        "0x45c4"}}) {
      Path d = Files.createDirectories(root.resolve("sys/bus/pci/devices").resolve(device[0]));
      Files.writeString(d.resolve("vendor"), device[1] + "\n");
      Files.writeString(d.resolve("device"), device[2] + "\n");
    }
    WindowHarness h = new WindowHarness(Files.createDirectories(dir.resolve("data")), Optional.empty(),
        WindowHarness.EXACT);
    h.environment(Map.of(Hardware.ROOT_VARIABLE, root.toString()));
    show(h, robot);

    openSettings();
    settings.choose("Backend");
    WindowHarness.waitUntil(() -> !"Looking…".equals(settings.text(BackendPage.NPU_ID)), 10);
    assertEquals("Hailo-10H at PCI 0001:01:00.0", settings.text(BackendPage.NPU_ID));
    assertEquals("Cortex-A76, 4 cores (Raspberry Pi 5 Model B Rev 1.0)", settings.text(BackendPage.CPU_ID));
    assertEquals("8.4 GB", settings.text(BackendPage.MEMORY_ID));
    assertTrue(settings.text(BackendPage.OUTCOME_ID).startsWith("A Hailo-10H was found"),
        settings.text(BackendPage.OUTCOME_ID));

    settings.press(BackendPage.CHOICE_ID_PREFIX + "npu");
    assertTrue(settings.text(BackendPage.OUTCOME_ID).startsWith("Answers run on the Hailo-10H through hailo-ollama"),
        settings.text(BackendPage.OUTCOME_ID));
    WindowHarness.waitUntil(() -> setting(SettingsStore.BACKEND).orElse("").contains("\"backend\":\"npu\""), 10);
  }
}
