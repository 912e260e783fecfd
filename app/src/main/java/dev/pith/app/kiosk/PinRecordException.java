package dev.pith.app.kiosk;

/**
 * The stored admin PIN cannot be used: it was damaged or edited by hand. The message says what is wrong and how to
 * put it right ({@code pith kiosk set-pin}); it never holds the salt or the hash.
 */
public final class PinRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param problem what is wrong with the record ("its salt is 3 bytes, not 16") */
  public PinRecordException(String problem) {
    super("the stored admin PIN is damaged (" + problem + "): set a new one with pith kiosk set-pin");
  }
}
