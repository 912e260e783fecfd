package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.cloud.ApiKeyStore;
import dev.pith.app.cloud.CloudSettings;
import dev.pith.app.cloud.CloudStore;
import dev.pith.app.cloud.FakeCloudServer;
import dev.pith.app.cloud.Preview;
import dev.pith.app.cloud.PrivacySettings;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.ui.chat.ThreadItem;
import dev.pith.app.ui.cloud.PreviewDialog;
import dev.pith.inference.privacy.EntityType;
import dev.pith.storage.dao.CloudAuditDao;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.CloudAuditEntry;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Ask the cloud" in the real window, on a stored conversation in a real database, against an OpenAI-compatible
 * server on 127.0.0.1 that records every byte it receives: the action's absence, the preview, Cancel and Esc
 * sending nothing, Send sending exactly the preview, the answer streamed back with the originals, a refused key, and
 * the hint.
 */
@ExtendWith(ApplicationExtension.class)
class CloudWindowTest {
  static final String KEY = "sk-window-test-5d2c8e1f0a9b7c6d";
  /** Each sensitive string is a user term, so the tests hold whatever detectors exist (only terms, so far). */
  static final List<String> TERMS = List.of("Zork Quillfeather", "BLUEFIN-42", "zork.q@example.org");
  static final String FIRST_QUESTION = "Who leads the harbour survey?";
  static final String FIRST_ANSWER = "The harbour survey is led by the port authority.";
  static final String QUESTION = "Zork Quillfeather (zork.q@example.org) says BLUEFIN-42 ships Friday. Who should"
      + " I tell?";
  static final String ANSWER = "Tell Zork Quillfeather's team lead about BLUEFIN-42.";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z]+_\\d+\\]");
  private static final PseudoClass HINTED = PseudoClass.getPseudoClass("hinted");

  @TempDir Path dir;
  private FakeCloudServer server;
  private WindowHarness harness;
  private Conversation conversation;
  private Message firstAnswer;
  private Message answer;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeCloudServer();
    // The server answers by naming every placeholder it was sent, in 4-character pieces.
    server.behave((body, out, socket) -> FakeCloudServer.answer(pieces("Tell " + placeholders(body) + ".", 4))
        .reply(body, out, socket));
    harness = new WindowHarness(Files.createDirectories(dir.resolve("data")), Optional.empty(), WindowHarness.EXACT);
    harness.environment(Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString()));
    new ApiKeyStore(dir.resolve("config/pith/cloud-api-key"), null).save(KEY);
    CloudStore.save(harness.db, new CloudSettings(true, server.baseUrl(), "test-model"));
    CloudStore.save(harness.db, new PrivacySettings("GB", TERMS));
    seed();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
    server.close();
  }

  private void seed() {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    conversation = new Conversation(UUID.randomUUID(), "Release", now, now, false, false);
    Message q1 = Message.written(conversation.id(), null, Role.USER, FIRST_QUESTION, now);
    firstAnswer = new Message(UUID.randomUUID(), conversation.id(), q1.id(), Role.ASSISTANT, FIRST_ANSWER,
        MessageStatus.COMPLETE, null, now, now, "qwen", "cpu", MessageMetrics.NONE);
    Message q2 = Message.written(conversation.id(), firstAnswer.id(), Role.USER, QUESTION, now.plusMillis(1));
    // The context window left out two of the oldest messages: the hint's second reason.
    answer = new Message(UUID.randomUUID(), conversation.id(), q2.id(), Role.ASSISTANT, ANSWER,
        MessageStatus.COMPLETE, null, now.plusMillis(1), now.plusMillis(1), "qwen", "cpu",
        new MessageMetrics(120, 14, 300.0, 9.5, null, null, null, null, null, null, 2));
    harness.db.writeAndWait("seed", c -> {
      new ConversationDao(c).insert(conversation);
      MessageDao messages = new MessageDao(c);
      messages.insert(q1);
      messages.insert(firstAnswer);
      messages.insert(q2);
      messages.insert(answer);
      return null;
    });
  }

  /** Shows the window (in {@code kiosk} mode, or a normal one) and opens the seeded conversation. */
  private void show(KioskMode kiosk) throws Exception {
    if (kiosk.on()) {
      harness.kiosk(kiosk, () -> { });
    }
    WaitForAsyncUtils.asyncFx(() -> harness.show(new Stage())).get();
    WaitForAsyncUtils.asyncFx(() -> harness.window.controller().open(conversation.id())).get();
    WindowHarness.waitUntil(() -> harness.window.controller().thread().size() == 4, 10);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void show() throws Exception {
    show(KioskMode.OFF);
    WindowHarness.waitUntil(() -> harness.window.cloud().orElseThrow().available().get(), 10);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** The "Ask the cloud" buttons that show, in the thread's order. */
  private List<Button> askButtons() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> sceneRoot().lookupAll(".ask-cloud").stream().map(n -> (Button) n)
        .filter(Node::isVisible).toList()).get();
  }

  private boolean previewOpen() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> harness.window.cloud().orElseThrow().dialog().isPresent()
        || sceneRoot().lookup("#" + PreviewDialog.ID) != null).get();
  }

  /** The window's scene root (the only window called Pith that shows). */
  private static javafx.scene.Parent sceneRoot() {
    return javafx.stage.Window.getWindows().stream().filter(w -> w instanceof Stage s && "Pith".equals(s.getTitle())
        && w.isShowing()).findFirst().orElseThrow().getScene().getRoot();
  }

  /** Opens the preview of the newest answer and waits until it shows what would be sent. */
  private PreviewDialog openPreview(FxRobot robot) throws Exception {
    List<Button> buttons = askButtons();
    assertEquals(2, buttons.size(), "both local answers offer it");
    robot.interact(buttons.get(1)::fire);
    WindowHarness.waitUntil(() -> harness.window.cloud().orElseThrow().dialog()
        .map(d -> d.preview() != null).orElse(false), 10);
    WaitForAsyncUtils.waitForFxEvents();
    return WaitForAsyncUtils.asyncFx(() -> harness.window.cloud().orElseThrow().dialog().orElseThrow()).get();
  }

  private static String shownText(PreviewDialog dialog) throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> dialog.lookup("#" + PreviewDialog.TEXT_ID).lookupAll(".cloud-preview-flow").stream().flatMap(flow -> ((javafx.scene.Parent) flow).getChildrenUnmodifiable()
        .stream()).map(n -> n instanceof Text t ? t.getText() : n instanceof Label l ? l.getText() : "")
        .collect(Collectors.joining())).get();
  }

  private List<ThreadItem> thread() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> List.copyOf(harness.window.controller().thread())).get();
  }

  @Test
  void theActionIsAbsentWhenTheCloudIsOff(FxRobot robot) throws Exception {
    CloudStore.save(harness.db, new CloudSettings(false, server.baseUrl(), "test-model"));
    show(KioskMode.OFF);
    Thread.sleep(300); // the window has read the settings
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(WaitForAsyncUtils.asyncFx(() -> harness.window.cloud().orElseThrow().available().get()).get());
    assertEquals(List.of(), askButtons());
    assertTrue(server.requests().isEmpty());
  }

  @Test
  void theActionIsAbsentInKioskMode(FxRobot robot) throws Exception {
    show(KioskMode.on(KioskSettings.DEFAULT.withEnabled(true)));
    Thread.sleep(300);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(harness.window.cloud().isEmpty(), "a kiosk builds no cloud escalation at all");
    assertEquals(0, WaitForAsyncUtils.asyncFx(() -> sceneRoot().lookupAll(".ask-cloud").size()).get());
    assertTrue(server.requests().isEmpty());
  }

  @Test
  void thePreviewShowsTheSanitizedTextAndCancelOrEscSendNothing(FxRobot robot) throws Exception {
    show();
    PreviewDialog dialog = openPreview(robot);
    Preview preview = dialog.preview();
    String shown = shownText(dialog);
    for (String secret : List.of("Zork Quillfeather", "BLUEFIN-42", "zork.q@example.org")) {
      assertFalse(shown.contains(secret), "shown as sent: " + secret + "\n" + shown);
    }
    assertTrue(shown.contains("Who should I tell?"), shown);
    assertFalse(shown.contains(FIRST_QUESTION), "this exchange only, by default");
    Preview.Highlight term = preview.messages().stream().flatMap(p -> p.highlights().stream())
        .filter(h -> h.original().equals("BLUEFIN-42")).findFirst().orElseThrow();
    assertEquals(EntityType.CUSTOM_TERM, term.type());
    Label mark = WaitForAsyncUtils.asyncFx(() -> dialog.lookupAll("." + PreviewDialog.PLACEHOLDER).stream()
        .map(n -> (Label) n).filter(l -> l.getText().equals(term.placeholder())).findFirst().orElseThrow()).get();
    assertTrue(mark.getTooltip().getText().contains("BLUEFIN-42"), "the original, locally, in its tooltip");
    assertTrue(mark.getAccessibleText().contains("stays on this computer"));
    String counts = ((Label) dialog.lookup("#" + PreviewDialog.COUNTS_ID)).getText();
    assertTrue(counts.matches(".*\\d+ terms? from your list.*"), counts);
    String size = ((Label) dialog.lookup("#" + PreviewDialog.SIZE_ID)).getText();
    assertTrue(size.contains(preview.bytes() + " bytes") && size.contains("127.0.0.1"), size);

    // The whole conversation: prepared again, with the first exchange.
    robot.interact(() -> ((ToggleButton) dialog.lookup("#" + PreviewDialog.SCOPE_PREFIX + "all")).fire());
    WindowHarness.waitUntil(() -> dialog.preview() != null && dialog.preview().turns() == 2, 10);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(shownText(dialog).contains(FIRST_QUESTION));

    robot.interact(() -> ((Button) dialog.lookup("#" + PreviewDialog.CANCEL_ID)).fire());
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(previewOpen(), "Cancel closes it");

    PreviewDialog again = openPreview(robot);
    robot.interact(() -> {
      again.getScene().getWindow().requestFocus();
      again.lookup("#" + PreviewDialog.CANCEL_ID).requestFocus();
    });
    robot.type(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(previewOpen(), "Esc closes it");

    Thread.sleep(500);
    assertEquals(0, server.allBytes().length, "not one byte reached the server");
    assertEquals(4, thread().size());
    assertEquals(0, harness.db.read(c -> new CloudAuditDao(c).recent(10)).size());
  }

  @Test
  void sendSendsExactlyThePreviewAndTheAnswerComesBackRehydratedAndMarked(FxRobot robot) throws Exception {
    show();
    PreviewDialog dialog = openPreview(robot);
    Preview preview = dialog.preview();
    robot.interact(() -> ((Button) dialog.lookup("#" + PreviewDialog.SEND_ID)).fire());
    WindowHarness.waitUntil(() -> harness.window.controller().thread().size() == 5
        && !harness.window.controller().busyProperty().get(), 20);
    WaitForAsyncUtils.waitForFxEvents();

    assertEquals(1, server.requests().size());
    assertEquals(preview.body(), server.requests().get(0).bodyText(), "the body sent is the preview's, exactly");
    String raw = new String(server.allBytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    for (String secret : List.of("zork quillfeather", "bluefin-42", "zork.q@example.org")) {
      assertFalse(raw.contains(secret), "sent: " + secret);
    }

    ThreadItem last = thread().get(4);
    Message stored = harness.db.read(c -> new MessageDao(c).find(last.id())).orElseThrow();
    assertEquals("cloud", stored.backend());
    String modelId = "test-model @ " + preview.endpoint().host();
    assertTrue(modelId.startsWith("test-model @ 127.0.0.1"), modelId);
    assertEquals(modelId, stored.modelId());
    assertEquals(answer.id(), stored.parentId());
    assertEquals(MessageStatus.COMPLETE, stored.status());
    assertTrue(stored.content().contains("BLUEFIN-42") && stored.content().contains("zork.q@example.org"),
        stored.content());
    preview.messages().stream().flatMap(p -> p.highlights().stream()).forEach(h ->
        assertFalse(stored.content().contains(h.placeholder()), "put back: " + h + " in " + stored.content()));
    String mark = WaitForAsyncUtils.asyncFx(() -> ((Label) sceneRoot().lookup(".cloud-mark")).getText()).get();
    assertEquals("Cloud · " + modelId, mark);
    List<CloudAuditEntry> audit = harness.db.read(c -> new CloudAuditDao(c).recent(10));
    assertEquals(1, audit.size());
    assertEquals(preview.body(), audit.get(0).sentText());
    assertEquals("ok", audit.get(0).outcome());
    // Neither the key nor any original in the database's audit or messages as sent.
    assertFalse(audit.get(0).sentText().contains(KEY));
  }

  @Test
  void stopEndsTheCloudAnswerAndKeepsWhatArrivedMarkedStopped(FxRobot robot) throws Exception {
    server.behave(FakeCloudServer.silentAfter(20_000, "The first ", "words"));
    show();
    PreviewDialog dialog = openPreview(robot);
    robot.interact(() -> ((Button) dialog.lookup("#" + PreviewDialog.SEND_ID)).fire());
    WindowHarness.waitUntil(() -> harness.window.controller().liveProperty().get() != null
        && harness.window.controller().liveProperty().get().textProperty().get().equals("The first words"), 20);
    Button stop = robot.lookup("#send-button").queryButton();
    assertEquals("Stop", stop.getAccessibleText(), "while the cloud answers, Send is Stop");
    robot.interact(stop::fire);
    WindowHarness.waitUntil(() -> !harness.window.controller().busyProperty().get(), 20);
    WaitForAsyncUtils.waitForFxEvents();
    ThreadItem last = thread().get(4);
    Message stored = harness.db.read(c -> new MessageDao(c).find(last.id())).orElseThrow();
    assertEquals(MessageStatus.CANCELLED, stored.status());
    assertEquals("The first words", stored.content());
    assertEquals("cloud", stored.backend());
  }

  @Test
  void aRefusedKeyIsSaidInOneLineAndTheThreadStaysAsItWas(FxRobot robot) throws Exception {
    server.behave(FakeCloudServer.status(401, "", "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
    show();
    List<UUID> before = thread().stream().map(ThreadItem::id).toList();
    PreviewDialog dialog = openPreview(robot);
    robot.interact(() -> ((Button) dialog.lookup("#" + PreviewDialog.SEND_ID)).fire());
    WindowHarness.waitUntil(() -> !harness.window.controller().busyProperty().get()
        && !harness.window.controller().problemProperty().get().isEmpty(), 20);
    WaitForAsyncUtils.waitForFxEvents();
    String problem = harness.window.controller().problemProperty().get();
    assertTrue(problem.contains("refused the API key (HTTP 401); enter the right key in Settings → Privacy"), problem);
    assertFalse(problem.contains("\n"));
    Label banner = WaitForAsyncUtils.asyncFx(() -> (Label) sceneRoot().lookup("#problem-banner .label")).get();
    assertEquals(problem, banner.getText());
    WindowHarness.waitUntil(() -> harness.window.controller().thread().size() == 4, 10);
    assertEquals(before, thread().stream().map(ThreadItem::id).toList());
    assertEquals(4, harness.db.read(c -> new MessageDao(c).thread(conversation.id(), 100)).size(),
        "nothing stored");
    assertEquals(1, harness.db.read(c -> new CloudAuditDao(c).recent(10)).size(), "the attempt is audited");
  }

  @Test
  void anAnswerCutByTheContextWindowHighlightsTheActionWithTheReason(FxRobot robot) throws Exception {
    show();
    List<Button> buttons = askButtons();
    assertEquals(2, buttons.size());
    Button plain = buttons.get(0);
    Button hinted = buttons.get(1);
    assertFalse(plain.getPseudoClassStates().contains(HINTED));
    assertEquals("Ask the cloud", plain.getAccessibleText());
    assertTrue(hinted.getPseudoClassStates().contains(HINTED));
    assertEquals("Ask the cloud", hinted.getText(), "said in words beside the icon");
    assertTrue(hinted.getAccessibleText().contains("2 oldest messages were left out"), hinted.getAccessibleText());
    assertTrue(hinted.getTooltip().getText().contains("outgrew the model's context"), hinted.getTooltip().getText());
    assertTrue(server.requests().isEmpty(), "a hint sends nothing");
  }

  private static String placeholders(String body) {
    Matcher m = PLACEHOLDER.matcher(body);
    java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
    while (m.find()) {
      found.add(m.group());
    }
    return String.join(", ", found);
  }

  private static String[] pieces(String text, int size) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      out.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return out.toArray(new String[0]);
  }
}
