package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.app.cloud.FakeCloudServer;
import dev.pith.storage.Database;
import dev.pith.storage.dao.CloudAuditDao;
import dev.pith.storage.model.CloudAuditEntry;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pith settings}, {@code pith cloud}, {@code pith sanitize} and {@code pith escalate} end to end. */
class CloudCommandsTest {
  static final String KEY = "sk-cli-0123456789abcdef0123456789abcdef";
  static final String SECRET = "Quillfeather";

  @TempDir Path home;
  Path data;
  FakeCloudServer server;
  Conversation conversation;

  @BeforeEach
  void setUp() throws IOException {
    data = home.resolve("data");
    server = new FakeCloudServer();
    server.behave(FakeCloudServer.answer("Ask ", "[TER", "M_1] again."));
    try (Database db = StoredData.open(data)) {
      conversation = StoredData.conversation(db, "Plans", List.of(
          "Should I email " + SECRET + " about the launch?", "Yes, email " + SECRET + " today."));
    }
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
  }

  CliContext context(String stdin) {
    return new CliContext(Map.of("XDG_CONFIG_HOME", home.resolve("config").toString()), home,
        TestContexts.isolated(home).backends(), Terminal.piped(stdin));
  }

  CliRun run(String stdin, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = data.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.of(context(stdin), all);
  }

  void turnOn() {
    assertEquals(0, run("", "settings", "set", "cloud.enabled", "true").exitCode());
    assertEquals(0, run("", "settings", "set", "cloud.base_url", server.baseUrl()).exitCode());
    assertEquals(0, run("", "settings", "set", "cloud.model", "test-model").exitCode());
    assertEquals(0, run("", "settings", "set", "privacy.terms", SECRET + ", Blue Fin").exitCode());
    assertEquals(0, run(KEY + "\n", "cloud", "set-key").exitCode());
  }

  @Test
  void settingsAreCheckedAndReadBack() {
    assertEquals("false", run("", "settings", "get", "cloud.enabled").out().strip());
    CliRun bad = run("", "settings", "set", "cloud.enabled", "maybe");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("true or false"), bad.err());
    CliRun url = run("", "settings", "set", "cloud.base_url", "ftp://example.org");
    assertEquals(2, url.exitCode(), url.toString());
    assertEquals(2, run("", "settings", "set", "privacy.phone_region", "GBR").exitCode());
    assertEquals(0, run("", "settings", "set", "privacy.phone_region", "gb").exitCode());
    assertEquals("GB", run("", "settings", "get", "privacy.phone_region").out().strip());
    assertEquals(0, run("", "settings", "set", "privacy.terms", "[\"Smith, Jones & Co\", \"Ada\"]").exitCode());
    assertEquals("[\"Smith, Jones & Co\",\"Ada\"]", run("", "settings", "get", "privacy.terms").out().strip());
    CliRun unknown = run("", "settings", "get", "cloud.colour");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("cloud.enabled, cloud.base_url"), unknown.err());
    assertTrue(run("", "settings", "list").out().contains("privacy.phone_region = GB"));
  }

  @Test
  void theKeyFileIsOwnerOnlyAndTheKeyIsNeverPrintedStoredOrExported() throws IOException {
    turnOn();
    Path keyFile = home.resolve("config/pith/cloud-api-key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    assertEquals(KEY, Files.readString(keyFile).strip());
    CliRun status = run("", "cloud", "status");
    assertTrue(status.out().contains("in " + keyFile), status.out());
    CliRun sent = run("", "escalate", "--conversation", conversation.id().toString(), "--yes");
    assertEquals(0, sent.exitCode(), sent.toString());
    CliRun export = run("", "export");
    assertEquals(0, export.exitCode(), export.toString());
    for (CliRun r : List.of(status, sent, export)) {
      assertFalse(r.out().contains(KEY) || r.err().contains(KEY));
    }
    assertTrue(export.out().contains("\"cloud\""), "the cloud answer is exported");
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(KEY), f.toString());
      }
    }
  }

  @Test
  void aKeyFileOthersCanReadIsRefused() throws IOException {
    turnOn();
    Files.setPosixFilePermissions(home.resolve("config/pith/cloud-api-key"),
        PosixFilePermissions.fromString("rw-r--r--"));
    CliRun r = run("", "escalate", "--conversation", conversation.id().toString(), "--yes");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("can be read by others"), r.err());
    assertTrue(server.requests().isEmpty());
  }

  @Test
  void escalateWithYesSendsTheSanitizedTextAndStoresTheAnswer() {
    turnOn();
    CliRun r = run("", "escalate", "--conversation", conversation.id().toString().substring(0, 8), "--yes");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("[TERM_1]"), "the preview shows the placeholders: " + r.out());
    assertTrue(r.out().contains("Ask " + SECRET + " again."), "the answer is rehydrated: " + r.out());
    assertEquals(1, server.requests().size());
    String raw = new String(server.allBytes(), StandardCharsets.ISO_8859_1);
    assertFalse(raw.toLowerCase(Locale.ROOT).contains(SECRET.toLowerCase(Locale.ROOT)), raw);
    List<Message> thread = StoredData.thread(data, conversation);
    Message last = thread.get(thread.size() - 1);
    assertEquals("cloud", last.backend());
    assertEquals("Ask " + SECRET + " again.", last.content());
    CloudAuditEntry audit = StoredData.read(data, c -> new CloudAuditDao(c).recent(1)).get(0);
    assertEquals(server.requests().get(0).body().length, audit.bytesSent());
    assertEquals(Map.of("CUSTOM_TERM", 2), audit.entityCounts());
  }

  @Test
  void nothingIsSentOnNoDryRunOrWhenOff() {
    turnOn();
    CliRun no = run("n\n", "escalate", "--conversation", conversation.id().toString());
    assertEquals(1, no.exitCode(), no.toString());
    assertTrue(no.err().contains("Nothing was sent."), no.err());
    CliRun eof = run("", "escalate", "--conversation", conversation.id().toString());
    assertEquals(1, eof.exitCode(), eof.toString());
    CliRun dry = run("", "escalate", "--conversation", conversation.id().toString(), "--dry-run");
    assertEquals(0, dry.exitCode(), dry.toString());
    assertTrue(dry.out().contains("--- request body ("), dry.out());
    assertTrue(dry.out().contains("\"stream\":true"), dry.out());
    assertFalse(dry.out().contains(SECRET), dry.out());
    run("", "settings", "set", "cloud.enabled", "false");
    CliRun off = run("", "escalate", "--conversation", conversation.id().toString(), "--yes");
    assertEquals(2, off.exitCode(), off.toString());
    assertTrue(off.err().contains("off"), off.err());
    assertTrue(server.requests().isEmpty());
    assertEquals(2, StoredData.thread(data, conversation).size());
  }

  @Test
  void aFailedSendIsOneLineAndStoresNothing() {
    turnOn();
    server.behave(FakeCloudServer.status(429, "Retry-After: 5\r\n", "{}"));
    CliRun r = run("", "escalate", "--conversation", conversation.id().toString(), "--yes");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("try again in 5 s; nothing was stored"), r.err());
    assertEquals(2, StoredData.thread(data, conversation).size());
  }

  @Test
  void aRefusedKeySaysHowToSetAnother() {
    turnOn();
    server.behave(FakeCloudServer.status(401, "", "{\"error\":{\"message\":\"Incorrect API key provided: sk-ab***\"}}"));
    CliRun r = run("", "escalate", "--conversation", conversation.id().toString(), "--yes");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("refused the API key (HTTP 401); set the right one with pith cloud set-key;"
        + " nothing was stored"), r.err());
    assertFalse(r.err().contains("sk-ab"), "the server's echo of the key is not quoted");
  }

  @Test
  void theEnvironmentKeyWinsOverTheFile() {
    turnOn();
    CliContext withEnv = new CliContext(Map.of("XDG_CONFIG_HOME", home.resolve("config").toString(),
        "PITH_CLOUD_API_KEY", "sk-from-env"), home, TestContexts.isolated(home).backends(), Terminal.none());
    CliRun r = CliRun.of(withEnv, "--data-dir", data.toString(), "escalate", "--conversation",
        conversation.id().toString(), "--yes");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(server.requests().get(0).head().contains("Authorization: Bearer sk-from-env"));
  }

  @Test
  void sanitizeReplacesTermsAndReportsPositions() throws IOException {
    run("", "settings", "set", "privacy.terms", SECRET);
    String input = "Dear " + SECRET + ", hello.";
    CliRun plain = run(input, "sanitize");
    assertEquals("Dear [TERM_1], hello.", plain.out());
    CliRun json = run(input, "sanitize", "--json");
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode n = json.jsonLines().get(0);
    assertEquals("Dear [TERM_1], hello.", n.get("text").asText());
    JsonNode e = n.get("entities").get(0);
    assertEquals("CUSTOM_TERM", e.get("type").asText());
    assertEquals(5, e.get("start").asInt());
    assertEquals(5 + SECRET.length(), e.get("end").asInt());
    assertEquals("[TERM_1]", e.get("placeholder").asText());
    assertEquals(1, n.get("counts").get("CUSTOM_TERM").asInt());
  }
}
