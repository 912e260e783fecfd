package dev.pith.app.kiosk;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The admin PIN that lets staff leave kiosk mode, turned into a {@link PinRecord} (a salted, slow hash) and checked
 * against one. Only the JDK's own PBKDF2-HMAC-SHA256 is used, so there is no dependency to trust or update.
 *
 * <p>What the hash protects: a PIN is 4–12 digits, so whoever can read the database file can try every PIN of a
 * short one offline, however slow the hash. The hash keeps the PIN out of backups, exports of the settings table
 * and casual reading; at the glass, the window's lockout (5 wrong tries, then 30 s) is what stops guessing. Both
 * are reasons to choose a PIN longer than four digits.
 *
 * <p>Deriving takes a few hundred milliseconds by design: call {@link #hash} and {@link #matches} off the FX thread.
 * Every method clears nothing it is given; callers wipe their PIN arrays after use.
 */
public final class AdminPin {
  public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  /**
   * 310,000 iterations: OWASP's 2021 figure for PBKDF2-HMAC-SHA256. Measured on the 2-core Xeon this was written
   * on (JDK 17): one check takes ~60 ms once the JIT has compiled the HMAC, and 220–260 ms as the first check in a
   * fresh JVM (the first PIN typed after boot). A Raspberry Pi 5 is some 2–3 times slower at this, so a check
   * stays under a second there even right after boot. OWASP's 2023 figure (600,000) would double that wait at the
   * glass for little gain: the 10^6 six-digit PINs already take ~17 hours of one core here, and a 4-digit PIN falls
   * quickly at any count. The count is stored with each hash, so raising it later keeps old PINs working.
   */
  public static final int ITERATIONS = 310_000;
  public static final int SALT_BYTES = 16;
  public static final int HASH_BYTES = 32;
  public static final int MIN_DIGITS = 4;
  public static final int MAX_DIGITS = 12;
  /** What to type instead of a refused PIN; also the CLI's one line. */
  public static final String RULE = "the admin PIN must be 4 to 12 digits (0-9)";

  private static final SecureRandom RANDOM = new SecureRandom();

  private AdminPin() {}

  /** Whether {@code pin} is 4 to 12 ASCII digits and nothing else. */
  public static boolean isValid(char[] pin) {
    if (pin.length < MIN_DIGITS || pin.length > MAX_DIGITS) {
      return false;
    }
    for (char c : pin) {
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * A new record for {@code pin} with a fresh random salt and {@link #ITERATIONS}.
   *
   * @throws IllegalArgumentException with {@link #RULE} when the PIN is not 4–12 digits
   */
  public static PinRecord hash(char[] pin) {
    if (!isValid(pin)) {
      throw new IllegalArgumentException(RULE);
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PinRecord(ALGORITHM, ITERATIONS, salt, derive(pin, salt, ITERATIONS));
  }

  /**
   * Whether {@code pin} is the one {@code stored} was made from: derived again with the record's own salt and
   * iteration count, compared in constant time. A PIN that is not 4–12 digits never matches.
   */
  public static boolean matches(char[] pin, PinRecord stored) {
    if (!isValid(pin)) {
      return false;
    }
    byte[] candidate = derive(pin, stored.salt(), stored.iterations());
    byte[] expected = stored.hash();
    try {
      return MessageDigest.isEqual(candidate, expected);
    } finally {
      Arrays.fill(candidate, (byte) 0);
    }
  }

  private static byte[] derive(char[] pin, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      // The JDK's SunJCE provider has had PBKDF2WithHmacSHA256 since Java 8; a runtime without it is broken.
      throw new IllegalStateException("this Java runtime cannot derive " + ALGORITHM, e);
    } finally {
      spec.clearPassword();
    }
  }
}
