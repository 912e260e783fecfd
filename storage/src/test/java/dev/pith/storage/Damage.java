package dev.pith.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Random;

/** Writes garbage over a closed database file, as a failing SD card or a stray program might. */
public final class Damage {
  private Damage() {}

  /** Overwrites every page after the first (the header survives, so SQLite opens it and finds the damage). */
  public static void overwritePagesAfterTheFirst(Path file) throws IOException {
    overwrite(file, 4096);
  }

  /** Overwrites the whole file, header included. */
  public static void overwriteEverything(Path file) throws IOException {
    overwrite(file, 0);
  }

  private static void overwrite(Path file, long from) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[(int) Math.max(0, raf.length() - from)];
      new Random(42).nextBytes(garbage);
      raf.seek(from);
      raf.write(garbage);
    }
  }
}
