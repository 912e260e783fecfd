package dev.pith.app.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The admin PIN as it is stored: which key derivation made the hash, with how many iterations, from which salt.
 * Never the PIN itself. Kept in the settings table under {@link KioskStore#PIN_KEY} as
 * <pre>{"algorithm": "PBKDF2WithHmacSHA256", "iterations": 310000, "salt": "&lt;base64&gt;", "hash": "&lt;base64&gt;"}</pre>
 *
 * <p>A record that is not exactly that shape (another algorithm, a salt or hash of another length, an iteration
 * count Pith never writes) is refused with a {@link PinRecordException} that says what is wrong: a hand-edited or
 * damaged record must not quietly become one that any PIN, or no PIN, opens.
 *
 * @param algorithm the JDK name of the key derivation, {@link AdminPin#ALGORITHM}
 * @param iterations how many iterations made {@code hash}
 * @param salt {@link AdminPin#SALT_BYTES} random bytes
 * @param hash {@link AdminPin#HASH_BYTES} bytes derived from the PIN and the salt
 */
public record PinRecord(String algorithm, int iterations, byte[] salt, byte[] hash) {
  /** The fewest and most iterations a record may name: below is weaker than Pith writes, above would hang a check. */
  static final int MIN_ITERATIONS = 100_000;
  static final int MAX_ITERATIONS = 10_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  public PinRecord {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(hash, "hash");
    if (!algorithm.equals(AdminPin.ALGORITHM)) {
      throw new PinRecordException("its algorithm is '" + algorithm + "', not " + AdminPin.ALGORITHM);
    }
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new PinRecordException("its iteration count " + iterations + " is outside " + MIN_ITERATIONS + " – "
          + MAX_ITERATIONS);
    }
    if (salt.length != AdminPin.SALT_BYTES) {
      throw new PinRecordException("its salt is " + salt.length + " bytes, not " + AdminPin.SALT_BYTES);
    }
    if (hash.length != AdminPin.HASH_BYTES) {
      throw new PinRecordException("its hash is " + hash.length + " bytes, not " + AdminPin.HASH_BYTES);
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /** The JSON text kept in the settings table. */
  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("algorithm", algorithm);
    n.put("iterations", iterations);
    n.put("salt", Base64.getEncoder().encodeToString(salt));
    n.put("hash", Base64.getEncoder().encodeToString(hash));
    return n.toString();
  }

  /**
   * Reads a stored record.
   *
   * @throws PinRecordException when {@code json} is not a whole, valid record, saying which part is wrong
   */
  public static PinRecord fromJson(String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      throw new PinRecordException("it is not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new PinRecordException("it is not a JSON object");
    }
    JsonNode iterations = n.get("iterations");
    if (iterations == null || !iterations.isInt()) {
      throw new PinRecordException("'iterations' is missing or not a whole number");
    }
    return new PinRecord(text(n, "algorithm"), iterations.intValue(), base64(n, "salt"), base64(n, "hash"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new PinRecordException("'" + field + "' is missing or not text");
    }
    return v.asText();
  }

  private static byte[] base64(JsonNode n, String field) {
    try {
      return Base64.getDecoder().decode(text(n, field));
    } catch (IllegalArgumentException e) {
      throw new PinRecordException("'" + field + "' is not base64");
    }
  }

  /** Neither the salt nor the hash: a record's text form is for logs and failures. */
  @Override
  public String toString() {
    return "PinRecord[" + algorithm + ", " + iterations + " iterations]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PinRecord r && algorithm.equals(r.algorithm) && iterations == r.iterations
        && Arrays.equals(salt, r.salt) && Arrays.equals(hash, r.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, iterations, Arrays.hashCode(salt), Arrays.hashCode(hash));
  }
}
