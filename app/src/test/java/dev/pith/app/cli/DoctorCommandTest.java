package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.app.PithVersion;
import dev.pith.storage.Database;
import dev.pith.storage.StreamingAnswer;
import dev.pith.storage.dao.ConversationDao;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  /** Doctor under an empty sysfs tree: no NPU, whatever the machine running the tests has. */
  private CliRun doctor(Path dataDir, String... options) {
    CliContext context = TestContexts.withEnvironment(home,
        Map.of("PITH_SYSFS_ROOT", home.resolve("sysfs").toString()));
    List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "doctor"));
    args.addAll(List.of(options));
    return CliRun.of(context, args.toArray(String[]::new));
  }

  @Test
  void printsVersionsAndExitsZero() {
    CliRun run = doctor(home.resolve("data"));
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains(PithVersion.get()), run::toString);
    assertTrue(run.out().contains(System.getProperty("java.version")), run::toString);
    assertTrue(run.outLines().contains("NPU device     missing: no Hailo device on the PCI bus ("
        + home.resolve("sysfs/sys/bus/pci/devices") + ")"), run::toString);
    assertTrue(run.outLines().contains("NPU            not available: no Hailo NPU in this machine"), run::toString);
    assertEquals("", run.err());
  }

  @Test
  void saysWhyThereIsNoPowerMeter() {
    CliRun run = doctor(home.resolve("data"));
    assertTrue(run.outLines().contains("Power          none: no power sensor found: no Pi 5 PMIC (vcgencmd not found), "
        + "no hwmon power sensor, no battery, no RAPL package zone in /sys/class/powercap"), run::toString);
  }

  @Test
  void printsThePowerMeterItsReadingAndWhatItCovers() throws IOException {
    Path vcgencmd = Files.createDirectories(home.resolve("bin")).resolve("vcgencmd");
    Files.writeString(vcgencmd, "#!/bin/sh\nprintf '  VDD_CORE_A current(7)=2.5A\\n  VDD_CORE_V volt(15)=0.8V\\n'\n");
    Files.setPosixFilePermissions(vcgencmd, PosixFilePermissions.fromString("rwxr-xr-x"));
    CliContext context = TestContexts.withEnvironment(home,
        Map.of("PITH_SYSFS_ROOT", home.resolve("sysfs").toString(), "PITH_VCGENCMD", vcgencmd.toString()));
    CliRun run = CliRun.of(context, "--data-dir", home.resolve("data").toString(), "doctor");
    assertTrue(run.outLines().contains(
        "Power          Pi 5 PMIC: 2.00 W (covers Pi 5 board rails (excludes USB, fan and the AI HAT+ 2))"),
        run::toString);
  }

  @Test
  void printsTheOnnxRuntimeVersionAndCpuProvider() {
    CliRun run = doctor(home.resolve("data"));
    assertTrue(Pattern.compile("(?m)^ONNX Runtime\\s+\\d+\\.\\d+\\.\\d+ \\(providers: .*CPUExecutionProvider")
        .matcher(run.out()).find(), run::toString);
  }

  @Test
  void saysWhenTheDataDirDoesNotExistYet() {
    CliRun run = doctor(home.resolve("missing"));
    assertTrue(run.out().contains(home.resolve("missing") + " (from --data-dir; does not exist yet)"), run::toString);
    assertTrue(run.out().contains("Models         none"), run::toString);
  }

  @Test
  void listsModelFoldersWithTheirLayout() throws Exception {
    Path models = Files.createDirectories(home.resolve("data/models"));
    Files.createDirectories(models.resolve("b-optimum/onnx"));
    Files.writeString(models.resolve("b-optimum/config.json"), "{}");
    Files.createDirectories(models.resolve("a-genai"));
    Files.writeString(models.resolve("a-genai/genai_config.json"), "{}");
    Files.createDirectories(models.resolve("c-empty"));

    CliRun run = doctor(home.resolve("data"));

    assertTrue(run.out().contains("exists, writable"), run::toString);
    List<String> lines = run.outLines();
    int first = lines.indexOf("Models         a-genai (genai layout)");
    assertTrue(first >= 0, run::toString);
    assertEquals(List.of("               b-optimum (optimum layout)", "               c-empty (no model files recognised)"),
        lines.subList(first + 1, first + 3));
  }

  /** Two conversations (6 messages, one answer left streaming) and one backup, in {@code home/data}. */
  private Path healthyDatabase() {
    Path data = home.resolve("data");
    try (Database db = StoredData.open(data)) {
      StoredData.conversation(db, "one", List.of("q", "a"));
      StoredData.conversation(db, "two", List.of("q", "a", "q"));
      StreamingAnswer.start(db, db.read(c -> new ConversationDao(c).recent(1, false)).get(0).id(), null, "m", "cpu");
      db.backupNow();
    }
    return data;
  }

  @Test
  void healthyDatabaseShowsItsCountsAndBackupsAndExitsZero() {
    Path data = healthyDatabase();

    CliRun run = doctor(data);

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.err());
    String out = run.out();
    assertTrue(out.contains("Database       " + data.resolve("pith.db") + " ("), run::toString);
    assertTrue(run.outLines().contains("Schema         " + Database.latestSchema()), run::toString);
    assertTrue(out.contains("Conversations  2"), run::toString);
    assertTrue(out.contains("Messages       6 (1 answers cut short by an exit, 1 of them just now)"), run::toString);
    assertTrue(out.contains("Cloud audit    0 rows"), run::toString);
    assertTrue(out.contains("Health         ok (quick_check; --full also runs integrity_check)"), run::toString);
    assertTrue(out.contains("Backups        1 in " + data.resolve("backups") + ", newest "), run::toString);
  }

  @Test
  void fullAlsoRunsIntegrityCheck() {
    Path data = home.resolve("data");
    try (Database db = StoredData.open(data)) {
      StoredData.conversation(db, "one", List.of("q", "a"));
    }

    CliRun run = doctor(data, "--full");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("Health         ok (integrity_check)"), run::toString);
    assertTrue(run.out().contains("Backups        none yet in "), run::toString);
  }

  @Test
  void missingDatabaseIsNotCreated() {
    Path data = home.resolve("data");
    CliRun run = doctor(data);

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("Database       " + data.resolve("pith.db") + " (does not exist yet"), run::toString);
    assertFalse(Files.exists(data));
  }

  @Test
  void damagedDatabaseWithABackupIsRestoredAndExitsThree() throws Exception {
    Path data = home.resolve("data");
    try (Database db = StoredData.open(data)) {
      StoredData.fill(db, 3, 6);
      db.backupNow();
    }
    StoredData.damage(data);

    CliRun run = doctor(data);

    assertEquals(DatabaseDoctor.EXIT_REPAIRED, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("set it aside as pith.db.corrupt-") && run.err().contains("restored the backup"),
        run::toString);
    assertTrue(run.out().contains("Health         DAMAGED: set aside and replaced just now"), run::toString);
    assertTrue(run.out().contains("Conversations  3"), run::toString);
    assertTrue(run.out().contains("ONNX Runtime"), "the engine part is there too: " + run);
    assertEquals(1, corruptCopies(data).size(), run::toString);
  }

  @Test
  void damagedDatabaseWithoutABackupStartsEmptyAndExitsThree() throws Exception {
    Path data = home.resolve("data");
    try (Database db = StoredData.open(data)) {
      StoredData.fill(db, 3, 6);
    }
    deleteBackups(data);
    StoredData.damage(data);

    CliRun run = doctor(data);

    assertEquals(DatabaseDoctor.EXIT_REPAIRED, run.exitCode(), run::toString);
    assertTrue(run.err().contains("started a new, empty one"), run::toString);
    assertTrue(run.out().contains("Schema         " + Database.latestSchema() + " (created just now)"), run::toString);
    assertTrue(run.out().contains("Conversations  0"), run::toString);
    assertEquals(1, corruptCopies(data).size(), run::toString);
  }

  @Test
  void databaseOfAnotherProgramExitsOneWithOneLineAfterTheEnginePart() throws Exception {
    Path data = home.resolve("data");
    StoredData.foreignDatabase(data);

    CliRun run = doctor(data);

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("pith: ") && run.err().contains("another program"), run::toString);
    assertTrue(run.out().contains("ONNX Runtime"), run::toString);
    assertTrue(run.out().contains("cannot be opened, see below"), run::toString);
  }

  @Test
  void databaseOfANewerPithExitsOne() throws Exception {
    Path data = home.resolve("data");
    try (Database db = StoredData.open(data)) {
      db.writeAndWait("test", c -> {
        try (var s = c.createStatement()) {
          s.execute("PRAGMA user_version = 99");
        }
        return null;
      });
    }

    CliRun run = doctor(data);

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("newer Pith"), run::toString);
  }

  /** Doctor {@code --json} under {@code environment}; stdout must be exactly one JSON document. */
  private static JsonNode doctorJson(CliRun run) {
    try {
      JsonParser parser = JSON.createParser(run.out());
      JsonNode document = JSON.readTree(parser);
      assertNull(parser.nextToken(), "one JSON document and nothing after it: " + run);
      return document;
    } catch (IOException e) {
      throw new AssertionError("stdout is not JSON: " + run, e);
    }
  }

  private CliRun doctorWith(Map<String, String> environment, Path dataDir, String... options) {
    List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "doctor"));
    args.addAll(List.of(options));
    return CliRun.of(TestContexts.withEnvironment(home, environment), args.toArray(String[]::new));
  }

  @Test
  void jsonPowerIsTheHwmonSensorsReadingAndSaysWhatItCovers() throws IOException {
    Path sysfs = home.resolve("sysfs");
    PowerFixtures.hwmon(sysfs, 4_500_000);
    Map<String, String> environment = Map.of("PITH_SYSFS_ROOT", sysfs.toString());

    CliRun run = doctorWith(environment, home.resolve("data"), "--json");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.err());
    JsonNode power = doctorJson(run).get("power");
    assertEquals("hwmon " + PowerFixtures.SENSOR, power.get("source").asText(), power::toString);
    assertEquals("what the " + PowerFixtures.SENSOR + " sensor measures (hwmon0/power1_input)",
        power.get("scope").asText());
    assertEquals(4.5, power.get("watts").asDouble(), 1e-9);
    assertTrue(power.get("watts").isNumber(), power::toString);
    assertTrue(power.get("measured").asBoolean(), power::toString);
    assertTrue(power.get("reason").isNull(), power::toString);
    assertEquals(5, power.size(), "exactly the fields the issue names: " + power);

    CliRun text = doctorWith(environment, home.resolve("data"));
    assertTrue(text.outLines().contains("Power          hwmon " + PowerFixtures.SENSOR + ": 4.50 W (covers what the "
        + PowerFixtures.SENSOR + " sensor measures (hwmon0/power1_input))"), text::toString);
  }

  @Test
  void jsonPowerWithoutAMeterIsNoneWithNullWattsAndTheReason() {
    CliRun run = doctor(home.resolve("data"), "--json");

    assertEquals(0, run.exitCode(), run::toString);
    JsonNode power = doctorJson(run).get("power");
    assertEquals("none", power.get("source").asText(), power::toString);
    assertTrue(power.get("watts").isNull(), power::toString);
    assertFalse(power.get("measured").asBoolean(), "nothing was measured: " + power);
    assertEquals("no power sensor found: no Pi 5 PMIC (vcgencmd not found), no hwmon power sensor, no battery, no"
        + " RAPL package zone in /sys/class/powercap", power.get("reason").asText());
  }

  @Test
  void jsonPowerOfAPi5IsTheSumOverItsPmicRails() throws IOException {
    Path vcgencmd = PowerFixtures.recordedVcgencmd(home.resolve("bin"));
    CliRun run = doctorWith(Map.of("PITH_SYSFS_ROOT", home.resolve("sysfs").toString(),
        "PITH_VCGENCMD", vcgencmd.toString()), home.resolve("data"), "--json");

    assertEquals(0, run.exitCode(), run::toString);
    JsonNode power = doctorJson(run).get("power");
    assertEquals("Pi 5 PMIC", power.get("source").asText(), power::toString);
    assertEquals("Pi 5 board rails (excludes USB, fan and the AI HAT+ 2)", power.get("scope").asText());
    assertEquals(PowerFixtures.PI_IDLE_WATTS, power.get("watts").asDouble(), 1e-6);
    assertTrue(power.get("measured").asBoolean(), power::toString);
    assertTrue(power.get("reason").isNull(), power::toString);
  }

  @Test
  void jsonHasTheEngineFactsTheTextShows() throws IOException {
    Path models = Files.createDirectories(home.resolve("data/models"));
    Files.createDirectories(models.resolve("a-genai"));
    Files.writeString(models.resolve("a-genai/genai_config.json"), "{}");
    Files.createDirectories(models.resolve("c-empty"));

    CliRun run = doctor(home.resolve("data"), "--json");

    assertEquals(0, run.exitCode(), run::toString);
    JsonNode doc = doctorJson(run);
    assertEquals(PithVersion.get(), doc.get("pith").asText());
    assertEquals(System.getProperty("java.version"), doc.get("java").get("version").asText());
    assertEquals(System.getProperty("os.arch"), doc.get("os").get("arch").asText());
    assertEquals(Runtime.getRuntime().availableProcessors(), doc.get("cpus").asInt());
    JsonNode dataDir = doc.get("data_dir");
    assertEquals(home.resolve("data").toString(), dataDir.get("path").asText());
    assertEquals("--data-dir", dataDir.get("from").asText());
    assertEquals("writable", dataDir.get("state").asText());
    assertEquals(models.toString(), doc.get("models_dir").get("path").asText());
    assertEquals("[{\"name\":\"a-genai\",\"layout\":\"genai\"},{\"name\":\"c-empty\",\"layout\":\"unknown\"}]",
        doc.get("models").toString());
    JsonNode onnx = doc.get("onnx_runtime");
    assertTrue(onnx.get("available").asBoolean(), onnx::toString);
    assertTrue(onnx.get("version").asText().matches("\\d+\\.\\d+\\.\\d+"), onnx::toString);
    assertTrue(onnx.get("providers").toString().contains("CPUExecutionProvider"), onnx::toString);
    assertTrue(onnx.get("error").isNull(), onnx::toString);
    JsonNode npu = doc.get("npu");
    assertEquals("device", npu.get("steps").get(0).get("name").asText(), npu::toString);
    assertEquals("missing", npu.get("steps").get(0).get("status").asText(), npu::toString);
    assertEquals("no Hailo device on the PCI bus (" + home.resolve("sysfs/sys/bus/pci/devices") + ")",
        npu.get("steps").get(0).get("detail").asText());
    assertEquals("unavailable", npu.get("readiness").asText());
    assertEquals("not available: no Hailo NPU in this machine", npu.get("outcome").asText());
    assertEquals("missing", doc.get("database").get("status").asText(), "no database yet: " + doc);
    assertFalse(Files.exists(home.resolve("data/pith.db")), "--json does not create the database either");
  }

  @Test
  void jsonHealthyDatabaseHasItsCountsAndBackupsAndExitsZero() {
    Path data = healthyDatabase();

    CliRun run = doctor(data, "--json", "--full");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.err());
    JsonNode db = doctorJson(run).get("database");
    assertEquals(data.resolve("pith.db").toString(), db.get("file").asText());
    assertEquals("ok", db.get("status").asText(), db::toString);
    assertTrue(db.get("size_bytes").asLong() > 0, db::toString);
    assertEquals(Database.latestSchema(), db.get("schema").get("version").asInt(), db::toString);
    assertFalse(db.get("schema").get("created_now").asBoolean(), db::toString);
    assertEquals(2, db.get("conversations").asInt());
    assertEquals(6, db.get("messages").asInt());
    assertEquals(1, db.get("interrupted_answers").asInt());
    assertEquals(1, db.get("interrupted_now").asInt());
    assertEquals(0, db.get("cloud_audit_rows").asInt());
    assertEquals("[\"quick_check\",\"integrity_check\"]", db.get("checks").toString());
    assertEquals(0, db.get("damage").size());
    assertTrue(db.get("repair").isNull(), db::toString);
    assertEquals(data.resolve("backups").toString(), db.get("backups").get("dir").asText());
    assertEquals(1, db.get("backups").get("count").asInt());
    assertTrue(Instant.parse(db.get("backups").get("newest").asText()).isBefore(Instant.now().plusSeconds(1)), db::toString);
  }

  @Test
  void jsonRepairedDatabaseExitsThreeWithTheSentenceOnStderrToo() throws Exception {
    Path data = home.resolve("data");
    try (Database db = StoredData.open(data)) {
      StoredData.fill(db, 3, 6);
      db.backupNow();
    }
    StoredData.damage(data);

    CliRun run = doctor(data, "--json");

    assertEquals(DatabaseDoctor.EXIT_REPAIRED, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    JsonNode db = doctorJson(run).get("database");
    assertEquals("repaired", db.get("status").asText(), db::toString);
    assertEquals(run.errLines().get(0), db.get("repair").asText());
    assertEquals(3, db.get("conversations").asInt());
  }

  @Test
  void jsonDatabaseOfAnotherProgramExitsOneWithTheDocumentAndOneLineOnStderr() throws Exception {
    Path data = home.resolve("data");
    StoredData.foreignDatabase(data);

    CliRun run = doctor(data, "--json");

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    JsonNode doc = doctorJson(run);
    JsonNode db = doc.get("database");
    assertEquals("cannot_open", db.get("status").asText(), db::toString);
    assertEquals(run.err().strip(), "pith: " + db.get("error").asText());
    assertTrue(db.get("error").asText().contains("another program"), db::toString);
    assertTrue(doc.get("power").isObject(), "the engine part is there too: " + doc);
  }

  @Test
  void sizesAreShownForPeople() {
    assertEquals("512 B", DatabaseDoctor.bytes(512));
    assertEquals("45.1 KB", DatabaseDoctor.bytes(46_182));
    assertEquals("1.5 MB", DatabaseDoctor.bytes(1_572_864));
  }

  private static List<Path> corruptCopies(Path data) throws IOException {
    try (Stream<Path> files = Files.list(data)) {
      return files.filter(f -> f.getFileName().toString().startsWith("pith.db.corrupt-")).collect(Collectors.toList());
    }
  }

  private static void deleteBackups(Path data) throws IOException {
    Path backups = data.resolve("backups");
    if (Files.isDirectory(backups)) {
      try (Stream<Path> files = Files.list(backups)) {
        for (Path f : files.collect(Collectors.toList())) {
          Files.delete(f);
        }
      }
    }
  }
}
