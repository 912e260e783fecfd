package dev.pith.app.ui;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * Turns off the bitmap cache that JavaFX's {@code ScrollPaneSkin} puts on every scroll pane's viewport.
 *
 * <p>The skin marks the viewport {@code cache=true}, so its content is drawn into an off-screen image that is
 * drawn again on every frame it does not change. Our scroll panes hold text that changes many times a second
 * while an answer streams: the cache is redrawn every time, and each new size takes a new image. With software
 * rendering those images live in the Java heap and are released only by a full collection; streaming 2,000
 * tokens grew the heap by about 50 MB this way and the full collections that followed were the window's longest
 * stalls (app/BENCHMARKS.md). On the GPU they are textures that double the fill work. Drawing the text directly is
 * cheaper in both cases.
 */
public final class Viewports {
  private static final String VIEWPORT = "viewport";

  private Viewports() {}

  /** Keeps {@code pane}'s viewport uncached, now and whenever its skin is (re)created. Returns {@code pane}. */
  public static <T extends ScrollPane> T uncached(T pane) {
    pane.skinProperty().addListener((o, before, now) -> dropCache(pane));
    dropCache(pane);
    return pane;
  }

  /** Whether {@code pane}'s skin has a viewport that is cached (false before the skin exists). */
  public static boolean isCached(ScrollPane pane) {
    Node viewport = viewport(pane);
    return viewport != null && viewport.isCache();
  }

  private static void dropCache(ScrollPane pane) {
    Node viewport = viewport(pane);
    if (viewport != null) {
      viewport.setCache(false);
    }
  }

  /** The skin's viewport: a direct child with the style class, not one of a nested scroll pane. */
  private static Node viewport(ScrollPane pane) {
    for (Node child : pane.getChildrenUnmodifiable()) {
      if (child.getStyleClass().contains(VIEWPORT)) {
        return child;
      }
    }
    return null;
  }
}
