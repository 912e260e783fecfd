package dev.pith.app.cloud;

/**
 * An escalation refused before anything was sent (the cloud is off, no key, kiosk mode, nothing to escalate, the
 * settings changed since the preview). The message is one line meant for the user.
 */
public final class EscalationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EscalationException(String message) {
    super(message);
  }
}
