package dev.pith.inference.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the lower-case hex form catalogs and Hugging Face use. */
final class Sha256 {
  private static final int BUFFER = 1 << 20;

  private Sha256() {}

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The digest of the first {@code length} bytes of {@code file}, added to {@code digest}. */
  static void update(MessageDigest digest, FileChannel file, long length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    long position = 0;
    while (position < length) {
      buffer.clear().limit((int) Math.min(BUFFER, length - position));
      int n = file.read(buffer, position);
      if (n < 0) {
        throw new IOException(length + " bytes expected, the file ends at " + position);
      }
      buffer.flip();
      digest.update(buffer);
      position += n;
    }
  }

  /** The hex digest of a whole file. */
  static String of(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      MessageDigest digest = digest();
      update(digest, channel, channel.size());
      return hex(digest);
    }
  }
}
