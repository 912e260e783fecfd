package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.PithVersion;
import dev.pith.storage.Database;
import dev.pith.storage.StreamingAnswer;
import dev.pith.storage.dao.ConversationDao;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
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

  @Test
  void healthyDatabaseShowsItsCountsAndBackupsAndExitsZero() {
    Path data = home.resolve("data");
    try (Database db = StoredData.open(data)) {
      StoredData.conversation(db, "one", List.of("q", "a"));
      StoredData.conversation(db, "two", List.of("q", "a", "q"));
      StreamingAnswer.start(db, db.read(c -> new ConversationDao(c).recent(1, false)).get(0).id(), null, "m", "cpu");
      db.backupNow();
    }

    CliRun run = doctor(data);

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.err());
    String out = run.out();
    assertTrue(out.contains("Database       " + data.resolve("pith.db") + " ("), run::toString);
    assertTrue(run.outLines().contains("Schema         4"), run::toString);
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
    assertTrue(run.out().contains("Schema         4 (created just now)"), run::toString);
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
