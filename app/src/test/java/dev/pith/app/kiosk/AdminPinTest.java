package dev.pith.app.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The admin PIN's salted PBKDF2 hash: what matches, what is stored, and what a damaged record gets. */
class AdminPinTest {
  /** Long enough that its digits cannot turn up by chance in the base64 of the salt and hash. */
  private static final String PIN = "739164028551";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theRightPinMatchesAndAWrongOneDoesNot() {
    PinRecord record = AdminPin.hash(PIN.toCharArray());
    assertTrue(AdminPin.matches(PIN.toCharArray(), record));
    assertFalse(AdminPin.matches("739164028550".toCharArray(), record));
    assertFalse(AdminPin.matches("73916402855".toCharArray(), record), "a prefix is another PIN");
    assertFalse(AdminPin.matches("abcd".toCharArray(), record), "not digits: never a match");
  }

  @Test
  void theSamePinWithAnotherSaltGivesAnotherHash() {
    PinRecord a = AdminPin.hash("2468".toCharArray());
    PinRecord b = AdminPin.hash("2468".toCharArray());
    assertFalse(Arrays.equals(a.salt(), b.salt()));
    assertFalse(Arrays.equals(a.hash(), b.hash()));
    assertNotEquals(a, b);
    assertTrue(AdminPin.matches("2468".toCharArray(), a));
    assertTrue(AdminPin.matches("2468".toCharArray(), b));
  }

  @Test
  void theStoredFormHoldsTheAlgorithmIterationsSaltAndHashButNotThePin() throws Exception {
    PinRecord record = AdminPin.hash(PIN.toCharArray());
    String json = record.toJson();
    assertFalse(json.contains(PIN), json);
    ObjectNode n = (ObjectNode) JSON.readTree(json);
    assertEquals("PBKDF2WithHmacSHA256", n.get("algorithm").asText());
    assertEquals(AdminPin.ITERATIONS, n.get("iterations").asInt());
    assertEquals(AdminPin.SALT_BYTES, Base64.getDecoder().decode(n.get("salt").asText()).length);
    assertEquals(AdminPin.HASH_BYTES, Base64.getDecoder().decode(n.get("hash").asText()).length);
    assertEquals(4, n.size(), json);
    assertEquals(record, PinRecord.fromJson(json), "what is read back is what was written");
    assertFalse(record.toString().contains(n.get("hash").asText()), "toString shows neither salt nor hash");
  }

  @Test
  void onlyFourToTwelveDigitsArePins() {
    for (String bad : new String[] {"", "123", "1234567890123", "12a4", "12 34", "١٢٣٤"}) {
      assertFalse(AdminPin.isValid(bad.toCharArray()), bad);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AdminPin.hash(bad.toCharArray()));
      assertEquals(AdminPin.RULE, e.getMessage());
    }
    assertTrue(AdminPin.isValid("0000".toCharArray()));
    assertTrue(AdminPin.isValid("123456789012".toCharArray()));
  }

  @Test
  void aTamperedRecordIsRefusedWithAMessageThatSaysWhatIsWrong() throws Exception {
    ObjectNode good = (ObjectNode) JSON.readTree(AdminPin.hash("2468".toCharArray()).toJson());
    assertRefused(good.deepCopy().put("algorithm", "PBKDF2WithHmacSHA1"),
        "its algorithm is 'PBKDF2WithHmacSHA1', not PBKDF2WithHmacSHA256");
    assertRefused(good.deepCopy().put("iterations", 1), "its iteration count 1 is outside");
    assertRefused(good.deepCopy().put("iterations", "many"), "'iterations' is missing or not a whole number");
    assertRefused(good.deepCopy().put("salt", "***"), "'salt' is not base64");
    assertRefused(good.deepCopy().put("salt", Base64.getEncoder().encodeToString(new byte[3])),
        "its salt is 3 bytes, not 16");
    assertRefused(good.deepCopy().put("hash", Base64.getEncoder().encodeToString(new byte[31])),
        "its hash is 31 bytes, not 32");
    ObjectNode noHash = good.deepCopy();
    noHash.remove("hash");
    assertRefused(noHash, "'hash' is missing or not text");
    PinRecordException notJson = assertThrows(PinRecordException.class, () -> PinRecord.fromJson("{\"salt"));
    assertTrue(notJson.getMessage().contains("it is not JSON"), notJson.getMessage());

    // A hash changed by one bit is still a well-formed record, and no PIN opens it any more.
    byte[] hash = Base64.getDecoder().decode(good.get("hash").asText());
    hash[0] ^= 1;
    PinRecord flipped = PinRecord.fromJson(good.deepCopy().put("hash", Base64.getEncoder().encodeToString(hash))
        .toString());
    assertFalse(AdminPin.matches("2468".toCharArray(), flipped));
  }

  private static void assertRefused(ObjectNode record, String problem) {
    PinRecordException e = assertThrows(PinRecordException.class, () -> PinRecord.fromJson(record.toString()));
    assertTrue(e.getMessage().startsWith("the stored admin PIN is damaged (" + problem), e.getMessage());
    assertTrue(e.getMessage().endsWith("set a new one with pith kiosk set-pin"), e.getMessage());
  }
}
