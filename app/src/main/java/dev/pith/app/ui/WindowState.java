package dev.pith.app.ui;

import java.util.UUID;

/**
 * Where the window was and what it showed, restored at the next start.
 *
 * @param x left edge on the desktop, NaN when unknown (the window is centred)
 * @param y top edge, NaN when unknown
 * @param width the window's width
 * @param height the window's height
 * @param maximized whether it was maximized
 * @param conversation the open conversation, or null for a new chat
 */
public record WindowState(double x, double y, double width, double height, boolean maximized, UUID conversation) {
  public static final double DEFAULT_WIDTH = 1100;
  public static final double DEFAULT_HEIGHT = 720;
  /** The official Raspberry Pi touch display is 800×480: the window must work there. */
  public static final double MIN_WIDTH = 640;
  public static final double MIN_HEIGHT = 400;
  public static final WindowState DEFAULT =
      new WindowState(Double.NaN, Double.NaN, DEFAULT_WIDTH, DEFAULT_HEIGHT, false, null);

  public WindowState {
    if (!(width >= MIN_WIDTH && width <= 100_000)) {
      width = DEFAULT_WIDTH;
    }
    if (!(height >= MIN_HEIGHT && height <= 100_000)) {
      height = DEFAULT_HEIGHT;
    }
  }

  public boolean hasPosition() {
    return Double.isFinite(x) && Double.isFinite(y);
  }
}
