package dev.pith.app.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.cloud.CloudTimeouts;
import dev.pith.storage.Database;
import dev.pith.storage.dao.CloudAuditDao;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.CloudAuditEntry;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EscalationTest {
  static final String KEY = "sk-test-7f3a9c1b2d4e5f60718293a4b5c6d7e8";
  /** Sensitive strings, each listed as a user term so the test holds whatever detectors exist. */
  static final List<String> SECRETS = List.of("Zork Quillfeather", "BLUEFIN-42", "ada.lovelace@example.org",
      "+44 20 7946 0958");
  static final String QUESTION = "My email is ada.lovelace@example.org and my phone is +44 20 7946 0958. "
      + "Zork Quillfeather says project BLUEFIN-42 ships Friday. Who should I tell?";
  static final String LOCAL_ANSWER = "Tell Zork Quillfeather and nobody else about BLUEFIN-42.";
  static final CloudTimeouts SHORT = new CloudTimeouts(Duration.ofSeconds(2), Duration.ofMillis(800),
      Duration.ofMillis(800));
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z]+_\\d+\\]");

  @TempDir Path dir;
  FakeCloudServer server;
  Database db;
  Conversation conversation;
  Message question;
  Message answer;
  ApiKeyStore keys;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeCloudServer();
    db = Database.open(dir.resolve("data/pith.db"), dir.resolve("data/backups"),
        Database.Options.defaults().withBackupOnClose(false));
    keys = new ApiKeyStore(dir.resolve("config/pith/cloud-api-key"), null);
    keys.save(KEY);
    CloudStore.save(db, new CloudSettings(true, server.baseUrl(), "test-model"));
    CloudStore.save(db, new PrivacySettings("GB", SECRETS));
    conversation = new Conversation(UUID.randomUUID(), "Release", db.clock().instant(), db.clock().instant(), false,
        false);
    question = Message.written(conversation.id(), null, Role.USER, QUESTION, db.clock().instant());
    answer = new Message(UUID.randomUUID(), conversation.id(), question.id(), Role.ASSISTANT, LOCAL_ANSWER,
        MessageStatus.COMPLETE, null, db.clock().instant(), db.clock().instant(), "qwen", "cpu", null);
    db.writeAndWait("test data", c -> {
      new ConversationDao(c).insert(conversation);
      new MessageDao(c).insert(question);
      new MessageDao(c).insert(answer);
      return null;
    });
    // The server answers by naming every placeholder it was sent, split into 3-character pieces so that
    // placeholders arrive cut in two.
    server.behave((body, out, socket) -> FakeCloudServer.answer(pieces("Tell " + placeholders(body) + ".", 3))
        .reply(body, out, socket));
  }

  @AfterEach
  void tearDown() throws IOException {
    db.close();
    server.close();
  }

  Escalation escalation() {
    return new Escalation(db, KioskMode.OFF, keys, SHORT, Locale.UK);
  }

  @Test
  void sendsOnlyThePreviewAndStoresTheRehydratedAnswerWithItsAudit() throws IOException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Escalation.Result result;
    Preview preview;
    StringBuilder streamed = new StringBuilder();
    try {
      preview = escalation().prepare(conversation.id(), answer.id(), 1);
      result = escalation().send(preview, streamed::append, new CancellationToken());
    } finally {
      root.detachAppender(logs);
    }

    assertEquals(1, server.requests().size());
    FakeCloudServer.Request request = server.requests().get(0);
    String raw = new String(server.allBytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    for (String secret : SECRETS) {
      assertFalse(raw.contains(secret.toLowerCase(Locale.ROOT)), "sent: " + secret + "\n" + raw);
    }
    assertTrue(request.head().startsWith("POST /v1/chat/completions HTTP/1.1"), request.head());
    assertEquals(preview.body(), request.bodyText(), "the body sent is the preview's, byte for byte");
    assertTrue(preview.text().contains("Who should I tell?"));
    assertTrue(preview.redactions() >= 6, "six secrets in the two messages: " + preview.counts());

    assertTrue(result.ok(), String.valueOf(result.error()));
    Message stored = result.stored();
    assertEquals("cloud", stored.backend());
    assertEquals("test-model @ " + preview.endpoint().host(), stored.modelId());
    assertEquals(answer.id(), stored.parentId());
    assertEquals(MessageStatus.COMPLETE, stored.status());
    assertFalse(PLACEHOLDER.matcher(stored.content()).find(), stored.content());
    for (String secret : SECRETS) {
      assertTrue(stored.content().contains(secret), stored.content());
    }
    assertEquals(stored.content(), streamed.toString(), "the sink saw the rehydrated answer");

    CloudAuditEntry audit = db.read(c -> new CloudAuditDao(c).recent(10)).get(0);
    assertEquals(request.body().length, audit.bytesSent());
    assertEquals(request.bodyText(), audit.sentText());
    assertEquals("ok", audit.outcome());
    assertEquals(question.id(), audit.messageId());
    assertEquals(conversation.id(), audit.conversationId());
    assertEquals(preview.endpoint().host(), audit.provider());
    assertEquals("test-model", audit.model());
    assertEquals(preview.redactions(), audit.entityCounts().values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(preview.redactions(), audit.redactions());

    db.backupNow();
    assertKeyNowhere();
    assertTrue(logs.list.stream().noneMatch(e -> e.getFormattedMessage().contains(KEY)));
    assertTrue(logs.list.stream().noneMatch(e -> SECRETS.stream().anyMatch(s -> e.getFormattedMessage().contains(s))));
  }

  @Test
  void highlightsPointAtThePlaceholdersInTheSentText() {
    Preview preview = escalation().prepare(conversation.id(), answer.id(), 1);
    int seen = 0;
    for (Preview.Part part : preview.messages()) {
      for (Preview.Highlight h : part.highlights()) {
        assertEquals(h.placeholder(), part.text().substring(h.start(), h.end()));
        assertFalse(h.toString().contains(h.original()));
        seen++;
      }
    }
    assertEquals(preview.redactions(), seen);
  }

  @Test
  void theSameDetailKeepsItsPlaceholderAcrossEscalations() {
    Preview first = escalation().prepare(conversation.id(), answer.id(), 1);
    Escalation same = escalation();
    Preview a = same.prepare(conversation.id(), answer.id(), 1);
    Preview b = same.prepare(conversation.id(), answer.id(), 1);
    assertEquals(a.body(), b.body());
    assertEquals(first.body(), a.body());
  }

  @Test
  void nothingIsSentWhenTheCloudIsOffHasNoKeyOrIsInKioskMode() {
    CloudStore.save(db, new CloudSettings(false, server.baseUrl(), "test-model"));
    EscalationException off = assertThrows(EscalationException.class,
        () -> escalation().prepare(conversation.id(), answer.id(), 1));
    assertTrue(off.getMessage().contains("off"), off.getMessage());

    CloudStore.save(db, new CloudSettings(true, server.baseUrl(), "test-model"));
    Preview preview = escalation().prepare(conversation.id(), answer.id(), 1);
    CloudStore.save(db, new CloudSettings(false, server.baseUrl(), "test-model"));
    assertThrows(EscalationException.class, () -> escalation().send(preview, s -> { }, new CancellationToken()));

    CloudStore.save(db, new CloudSettings(true, server.baseUrl(), "test-model"));
    keys.remove();
    EscalationException noKey = assertThrows(EscalationException.class,
        () -> escalation().send(preview, s -> { }, new CancellationToken()));
    assertTrue(noKey.getMessage().contains("set-key"), noKey.getMessage());

    Escalation kiosk = new Escalation(db, KioskMode.on(KioskSettings.DEFAULT), new ApiKeyStore(
        dir.resolve("k"), KEY), SHORT, Locale.UK);
    EscalationException refused = assertThrows(EscalationException.class,
        () -> kiosk.prepare(conversation.id(), answer.id(), 1));
    assertTrue(refused.getMessage().contains("kiosk"), refused.getMessage());
    assertThrows(EscalationException.class, () -> kiosk.send(preview, s -> { }, new CancellationToken()));

    CancellationToken cancelled = new CancellationToken();
    cancelled.cancel();
    Escalation withKey = new Escalation(db, KioskMode.OFF, new ApiKeyStore(dir.resolve("k"), KEY), SHORT,
        Locale.UK);
    assertThrows(EscalationException.class, () -> withKey.send(preview, s -> { }, cancelled));

    assertEquals(0, server.requests().size());
    assertEquals(0L, audits());
    assertEquals(2L, messages());
  }

  @Test
  void aRefusedKeyIsOneLineAndStoresNoMessage() {
    server.behave(FakeCloudServer.status(401, "",
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
    Escalation.Result result = sendOnce();
    assertFailedBeforeTheAnswer(result, "refused the API key (HTTP 401)");
    assertEquals(dev.pith.inference.cloud.CloudException.Kind.KEY_REFUSED, result.failure());
    assertFalse(result.error().contains(KEY));
    assertFalse(result.error().contains("sk-"));
  }

  @Test
  void rateLimitingSaysWhenToTryAgain() {
    server.behave(FakeCloudServer.status(429, "Retry-After: 17\r\n", "{\"error\":{\"message\":\"Slow down\"}}"));
    Escalation.Result result = sendOnce();
    assertFailedBeforeTheAnswer(result, "try again in 17 s");
    assertTrue(result.error().contains("HTTP 429"), result.error());
  }

  @Test
  void aServerErrorIsOneLine() {
    server.behave(FakeCloudServer.status(500, "", "{\"error\":{\"message\":\"The server had an error\\nsorry\"}}"));
    Escalation.Result result = sendOnce();
    assertFailedBeforeTheAnswer(result, "server error (HTTP 500: The server had an error); try again later");
  }

  @Test
  void aSilentServerTimesOut() {
    server.behave(FakeCloudServer.silentAfter(3000));
    Escalation.Result result = sendOnce();
    assertFailedBeforeTheAnswer(result, "sent nothing for 800 ms after the request");
  }

  @Test
  void aResetMidAnswerKeepsWhatArrivedMarkedAsFailed() {
    server.behave(FakeCloudServer.resetAfter("Tell ", "[TERM", "_1] now"));
    Escalation.Result result = sendOnce();
    assertNotNull(result.error());
    assertFalse(result.error().contains("\n"));
    assertTrue(result.error().contains("in the middle of the answer"), result.error());
    Message stored = result.stored();
    assertEquals(MessageStatus.ERROR, stored.status());
    assertEquals(result.error(), stored.error());
    assertTrue(stored.content().startsWith("Tell "), stored.content());
    assertEquals(result.audit().outcome(), result.error());
    assertEquals(server.requests().get(0).body().length, result.audit().bytesSent());
    assertEquals(3L, messages());
    assertEquals(0L, streaming());
  }

  @Test
  void silenceMidAnswerKeepsWhatArrivedMarkedAsFailed() {
    server.behave(FakeCloudServer.silentAfter(3000, "Part of it"));
    Escalation.Result result = sendOnce();
    assertTrue(result.error().contains("sent nothing for 800 ms in the middle of the answer (10 characters"),
        result.error());
    assertEquals("Part of it", result.stored().content());
    assertEquals(MessageStatus.ERROR, result.stored().status());
  }

  @Test
  void aLineThatIsNotJsonIsAClearError() {
    server.behave((body, out, socket) -> {
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
          + "data: {not json\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    });
    Escalation.Result result = sendOnce();
    assertFailedBeforeTheAnswer(result, "a stream line that is not JSON: {not json");
  }

  @Test
  void cancellingMidAnswerStoresItAsCancelled() {
    CancellationToken cancel = new CancellationToken();
    server.behave(FakeCloudServer.silentAfter(3000, "First part"));
    Escalation escalation = escalation();
    Preview preview = escalation.prepare(conversation.id(), answer.id(), 1);
    Escalation.Result result = escalation.send(preview, piece -> cancel.cancel(), cancel);
    assertTrue(result.cancelled());
    assertNull(result.error());
    assertEquals(MessageStatus.CANCELLED, result.stored().status());
    assertEquals("First part", result.stored().content());
    assertTrue(result.audit().outcome().startsWith("cancelled"), result.audit().outcome());
  }

  @Test
  void noConnectionSendsNothingAndSaysSo() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    CloudStore.save(db, new CloudSettings(true, "http://127.0.0.1:" + closedPort + "/v1", "test-model"));
    Escalation.Result result = sendOnce();
    assertFailedBeforeTheAnswer(result, "is not reachable");
    assertEquals(0, result.audit().bytesSent());
  }

  @Test
  void anUnknownHostSendsNothingAndSaysSo() {
    CloudStore.save(db, new CloudSettings(true, "http://pith-test-host.invalid/v1", "test-model"));
    Escalation.Result result = sendOnce();
    assertNotNull(result.error());
    assertTrue(result.error().contains("pith-test-host.invalid"), result.error());
    assertNull(result.stored());
    assertEquals(0, result.audit().bytesSent());
  }

  @Test
  void moreTurnsSendMoreOfTheConversation() {
    Message q2 = Message.written(conversation.id(), answer.id(), Role.USER, "And on Monday?", db.clock().instant());
    Message a2 = new Message(UUID.randomUUID(), conversation.id(), q2.id(), Role.ASSISTANT, "Nobody.",
        MessageStatus.COMPLETE, null, db.clock().instant(), db.clock().instant(), "qwen", "cpu", null);
    db.writeAndWait("more", c -> {
      new MessageDao(c).insert(q2);
      new MessageDao(c).insert(a2);
      return null;
    });
    Preview one = escalation().prepare(conversation.id(), a2.id(), 1);
    assertEquals(1, one.turns());
    assertFalse(one.text().contains("Who should I tell?"));
    assertTrue(one.text().contains("And on Monday?"));
    Preview two = escalation().prepare(conversation.id(), a2.id(), 2);
    assertEquals(2, two.turns());
    assertTrue(two.text().contains("Who should I tell?"));
    assertEquals(q2.id(), two.questionId());
  }

  private long messages() {
    Long n = db.read(c -> new MessageDao(c).count());
    return n;
  }

  private long audits() {
    Long n = db.read(c -> new CloudAuditDao(c).count());
    return n;
  }

  private long streaming() {
    Long n = db.read(c -> new MessageDao(c).countWithStatus(MessageStatus.STREAMING));
    return n;
  }

  private Escalation.Result sendOnce() {
    Escalation escalation = escalation();
    Preview preview = escalation.prepare(conversation.id(), answer.id(), 1);
    return escalation.send(preview, s -> { }, new CancellationToken());
  }

  private void assertFailedBeforeTheAnswer(Escalation.Result result, String expected) {
    assertNotNull(result.error(), "it failed");
    assertFalse(result.error().contains("\n"), result.error());
    assertTrue(result.error().contains(expected), result.error());
    assertNull(result.stored(), "nothing of the answer arrived, so nothing is stored");
    assertEquals(2L, messages());
    assertEquals(result.error(), result.audit().outcome());
    assertEquals(1L, audits());
  }

  private void assertKeyNowhere() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir.resolve("data"))) {
      files = all.filter(Files::isRegularFile).toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertFalse(bytes.contains(KEY), "the key is in " + f);
    }
  }

  /** The placeholders in the request's messages, leaving out the examples in Pith's own instruction. */
  static String placeholders(String body) {
    Matcher m = PLACEHOLDER.matcher(body.replace(Escalation.INSTRUCTION, ""));
    List<String> found = new ArrayList<>();
    while (m.find()) {
      if (!found.contains(m.group())) {
        found.add(m.group());
      }
    }
    return String.join(" and ", found);
  }

  static String[] pieces(String text, int size) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      out.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return out.toArray(String[]::new);
  }
}
