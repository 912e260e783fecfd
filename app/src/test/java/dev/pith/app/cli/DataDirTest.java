package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
  @TempDir Path home;

  @Test
  void dataDirOptionWinsOverEnvironment() {
    DataDir dir = DataDir.resolve(home.resolve("opt"), Map.of("PITH_HOME", "/env/pith"), home);
    assertEquals(home.resolve("opt"), dir.path());
    assertEquals("--data-dir", dir.source());
  }

  @Test
  void pithHomeWinsOverXdgDataHome() {
    DataDir dir = DataDir.resolve(null, Map.of("PITH_HOME", "/env/pith", "XDG_DATA_HOME", "/xdg"), home);
    assertEquals(Path.of("/env/pith"), dir.path());
    assertEquals("PITH_HOME", dir.source());
  }

  @Test
  void xdgDataHomeGetsAPithFolder() {
    DataDir dir = DataDir.resolve(null, Map.of("XDG_DATA_HOME", "/xdg"), home);
    assertEquals(Path.of("/xdg/pith"), dir.path());
  }

  @Test
  void relativeXdgDataHomeIsIgnoredAsTheSpecSays() {
    DataDir dir = DataDir.resolve(null, Map.of("XDG_DATA_HOME", "relative/dir"), home);
    assertEquals(home.resolve(".local/share/pith"), dir.path());
    assertEquals("default", dir.source());
  }

  @Test
  void defaultIsUnderTheHomeFolder() {
    DataDir dir = DataDir.resolve(null, Map.of(), home);
    assertEquals(home.resolve(".local/share/pith"), dir.path());
    assertEquals(home.resolve(".local/share/pith/models"), dir.modelsDir());
  }

  @Test
  void relativeDataDirOptionIsMadeAbsolute() {
    DataDir dir = DataDir.resolve(Path.of("some/dir"), Map.of(), home);
    assertTrue(dir.path().isAbsolute());
    assertEquals(Path.of("some/dir").toAbsolutePath().normalize(), dir.path());
  }

  @Test
  void pithHomeFromTheInjectedEnvironmentReachesCommands() {
    Path pithHome = home.resolve("pith-home");
    CliRun run = CliRun.of(TestContexts.withEnvironment(home, Map.of("PITH_HOME", pithHome.toString())), "doctor");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains(pithHome + " (from PITH_HOME"), run::toString);
  }

  @Test
  void dataDirOptionIsAcceptedAfterTheSubcommand() {
    Path dataDir = home.resolve("after");
    CliRun run = CliRun.of(TestContexts.withEnvironment(home, Map.of("PITH_HOME", "/ignored")),
        "doctor", "--data-dir", dataDir.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains(dataDir + " (from --data-dir"), run::toString);
  }
}
