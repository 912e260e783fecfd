package dev.pith.app.ui.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: a small shell script named espeak-ng, on a PATH of its own, stands in for the program. It writes
 * its arguments and its standard input to files named by its process id, then stays for as many seconds as the
 * file {@code hold} says (0 when there is none), as espeak-ng stays while it speaks.
 */
@DisabledOnOs(OS.WINDOWS)
class ReadAloudTest {
  private static final String FAKE_ESPEAK = String.join("\n",
      "#!/bin/sh",
      "here=\"$(dirname \"$0\")\"",
      "mkdir -p \"$here/calls\"",
      "printf '%s\\n' \"$@\" > \"$here/calls/$$.args\"",
      "if [ -f \"$here/slow\" ]; then sleep 1; fi",
      "cat > \"$here/calls/$$.part\"",
      "mv \"$here/calls/$$.part\" \"$here/calls/$$.stdin\"",
      "exec sleep \"$(cat \"$here/hold\" 2>/dev/null || echo 0)\"",
      "");

  @TempDir
  Path bin;
  private ReadAloud readAloud;

  @BeforeEach
  void installFakeEspeak() throws IOException {
    Path script = bin.resolve("espeak-ng");
    Files.writeString(script, FAKE_ESPEAK);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    readAloud = ReadAloud.find(Map.of("PATH", "/no/such/folder:" + bin)).orElseThrow();
  }

  @AfterEach
  void closeIt() {
    readAloud.close();
  }

  private void hold(int seconds) throws IOException {
    Files.writeString(bin.resolve("hold"), Integer.toString(seconds));
  }

  /** The process ids of the calls that have taken all their text. */
  private List<Long> finishedCalls() {
    return calls(".stdin");
  }

  /** The process ids of the calls whose files end in {@code suffix}. */
  private List<Long> calls(String suffix) {
    Path calls = bin.resolve("calls");
    if (!Files.isDirectory(calls)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(calls)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(suffix))
          .map(name -> Long.parseLong(name.substring(0, name.length() - suffix.length())))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private String stdin(long pid) throws IOException {
    return Files.readString(bin.resolve("calls/" + pid + ".stdin"), StandardCharsets.UTF_8);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("waited 10 s for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void withoutTheProgramOnThePathThereIsNoReadAloud(@TempDir Path empty) throws IOException {
    assertEquals(Optional.empty(), ReadAloud.find(Map.of("PATH", empty.toString())));
    assertEquals(Optional.empty(), ReadAloud.find(Map.of()));
    assertEquals(Optional.empty(), ReadAloud.find(Map.of("PATH", "")));
    Path notExecutable = Files.writeString(empty.resolve("espeak-ng"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(Optional.empty(), ReadAloud.find(Map.of("PATH", empty.toString())));
  }

  @Test
  void findTakesTheExecutableFromThePath() {
    assertEquals(bin.resolve("espeak-ng").toAbsolutePath(), readAloud.executable());
  }

  @Test
  void speakGivesTheExactTextOnStandardInput() throws Exception {
    AtomicInteger changes = new AtomicInteger();
    readAloud.setOnSpeakingChanged(changes::incrementAndGet);
    String text = "Naïve café: 3 × 4 = 12 — “quoted”.\nSecond line, no trailing newline";
    readAloud.speak(text);
    assertTrue(readAloud.isSpeaking(), "speaking from the moment it is asked");
    waitUntil("the program to finish", () -> finishedCalls().size() == 1 && !readAloud.isSpeaking());
    long pid = finishedCalls().get(0);
    assertEquals(text, stdin(pid));
    assertEquals("-b\n1\n--stdin\n", Files.readString(bin.resolve("calls/" + pid + ".args")));
    assertTrue(changes.get() >= 2, "told when it started and when it ended: " + changes.get());
  }

  @Test
  void speakReturnsAtOnceWhileTheProgramIsSlowToReadALongText() throws Exception {
    Files.writeString(bin.resolve("slow"), "");
    String text = "word ".repeat(200_000); // 1 MB: far more than a pipe holds
    long start = System.nanoTime();
    readAloud.speak(text);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 500, "speak took " + millis + " ms");
    waitUntil("the program to take it all", () -> finishedCalls().size() == 1);
    assertEquals(text, stdin(finishedCalls().get(0)));
  }

  @Test
  void stopEndsTheProgram() throws Exception {
    hold(30);
    readAloud.speak("A long answer.");
    waitUntil("the program to start", () -> finishedCalls().size() == 1);
    long pid = finishedCalls().get(0);
    assertTrue(alive(pid));
    assertTrue(readAloud.isSpeaking());

    readAloud.stop();
    assertFalse(readAloud.isSpeaking(), "not speaking from the moment it is stopped");
    waitUntil("the program to end", () -> !alive(pid));
    readAloud.stop(); // stopping twice is harmless
  }

  @Test
  void aSecondSpeakStopsTheFirst() throws Exception {
    hold(30);
    readAloud.speak("first answer");
    waitUntil("the first program", () -> finishedCalls().size() == 1);
    long first = finishedCalls().get(0);

    readAloud.speak("second answer");
    waitUntil("the second program", () -> finishedCalls().size() == 2);
    long second = finishedCalls().stream().filter(pid -> pid != first).findFirst().orElseThrow();
    waitUntil("the first program to end", () -> !alive(first));
    assertTrue(alive(second));
    assertEquals("first answer", stdin(first));
    assertEquals("second answer", stdin(second));
    assertTrue(readAloud.isSpeaking());

    readAloud.close();
    waitUntil("close to end the second", () -> !alive(second));
    assertFalse(readAloud.isSpeaking());
    assertThrows(IllegalStateException.class, () -> readAloud.speak("after close"));
  }

  @Test
  void aStopRightAfterSpeakWinsOverTheStart() throws Exception {
    hold(30);
    Files.writeString(bin.resolve("slow"), "");
    for (int i = 0; i < 5; i++) {
      readAloud.speak("never mind " + i);
      readAloud.stop();
    }
    assertFalse(readAloud.isSpeaking());
    Thread.sleep(1_500); // a program that slipped through would have taken its text by now
    assertEquals(List.of(), finishedCalls(), "no program was given a text");
    for (long pid : calls(".args")) {
      waitUntil("program " + pid + ", started as it was stopped, to end", () -> !alive(pid));
    }
    assertFalse(readAloud.isSpeaking());
  }
}
