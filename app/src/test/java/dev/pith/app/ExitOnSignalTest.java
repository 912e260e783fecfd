package dev.pith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code pith} process with its window (headless Monocle) that gets SIGTERM, as {@code systemctl stop}
 * or a logout sends it: the window closes the normal way, so its state is saved and the database closed.
 */
class ExitOnSignalTest {
  @TempDir Path dir;

  @Test
  void sigtermClosesTheWindowTheNormalWay() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
        "-Dprism.order=sw", "-Dprism.text=t2k", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--data-dir", dir.toString()));
    pb.environment().put(StartupReport.ENV, "1");
    Path log = dir.resolve("pith.log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process pith = pb.start();
    try {
      Optional<String> frame = Optional.empty();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (frame.isEmpty() && pith.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
        frame = Files.readAllLines(log).stream().filter(l -> l.startsWith("pith: first frame at ")).findFirst();
      }
      assertTrue(frame.isPresent(), "the window showed its first frame:\n" + Files.readString(log));
      assertTrue(frame.get().matches("pith: first frame at \\d+ ms since the epoch, \\d+ ms after the process started"),
          frame.get());

      pith.destroy(); // SIGTERM
      assertTrue(pith.waitFor(20, TimeUnit.SECONDS), "the process ended");
    } finally {
      pith.destroyForcibly();
    }
    String out = Files.readString(log);
    assertEquals(0, pith.exitValue(), "it ended as after a click on close:\n" + out);
    try (Database db = Database.open(dir)) {
      Optional<String> window = db.read(c -> new SettingsDao(c).get("window"));
      assertTrue(window.isPresent() && window.get().contains("\"width\""), "window state saved: " + window + "\n" + out);
    }
  }
}
