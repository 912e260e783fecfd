package dev.pith.inference.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * A {@code .part} file being downloaded, hashed as it is written: when a download resumes, the bytes already on
 * disk are hashed once and the digest then follows the new bytes, so a finished file needs no second pass.
 */
final class PartFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private MessageDigest digest;
  private long length;

  private PartFile(Path path, FileChannel channel, MessageDigest digest, long length) {
    this.path = path;
    this.channel = channel;
    this.digest = digest;
    this.length = length;
  }

  /**
   * Opens (or creates) the file and hashes what it already holds.
   *
   * @throws AttemptFailure FATAL when it cannot be opened or read
   */
  static PartFile open(Path path) throws AttemptFailure {
    try {
      Files.createDirectories(path.getParent());
      FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      try {
        long length = channel.size();
        MessageDigest digest = Sha256.digest();
        Sha256.update(digest, channel, length);
        return new PartFile(path, channel, digest, length);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw AttemptFailure.fatal("cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  Path path() {
    return path;
  }

  /** Bytes written (and hashed) so far. */
  long length() {
    return length;
  }

  /** Empties the file: the server sends the whole file again. */
  void restart() throws AttemptFailure {
    try {
      channel.truncate(0);
    } catch (IOException e) {
      throw AttemptFailure.fatal("cannot write " + path + ": " + e.getMessage(), e);
    }
    digest = Sha256.digest();
    length = 0;
  }

  /**
   * Appends {@code buffer}.
   *
   * @throws AttemptFailure FATAL when the disk refuses it (full, read-only): another attempt would not help
   */
  int write(ByteBuffer buffer) throws AttemptFailure {
    int n = buffer.remaining();
    digest.update(buffer.duplicate());
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer, length + (n - buffer.remaining()));
      }
      length += n;
      return n;
    } catch (IOException e) {
      throw AttemptFailure.fatal("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Flushes the file to the disk and returns the SHA-256 of its content. */
  String finish() throws AttemptFailure {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw AttemptFailure.fatal("cannot write " + path + ": " + e.getMessage(), e);
    }
    return Sha256.hex(digest);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Everything written was flushed by finish(); an unfinished part is resumed or restarted.
    }
  }
}
