package dev.pith.app.ui.markdown;

import dev.pith.app.ui.Viewports;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ScrollPane.ScrollBarPolicy;
import javafx.scene.layout.Region;

/**
 * A scroll pane that scrolls only sideways, for code and tables wider than the answer. The answer itself scrolls
 * vertically in the chat list, so these never take the vertical wheel: with the vertical bar off and content that
 * fits in height, {@code ScrollPaneSkin} leaves vertical scroll events to the parent.
 *
 * <p>The horizontal bar is switched between {@code NEVER} and {@code ALWAYS} by hand: with {@code AS_NEEDED} the
 * pane's preferred height does not include the bar, so it would be laid over the last line.
 */
final class SideScroll {
  private SideScroll() {}

  static ScrollPane of(Region content, String styleClass) {
    ScrollPane scroll = Viewports.uncached(new ScrollPane(content));
    scroll.getStyleClass().add(styleClass);
    scroll.setFitToHeight(true);
    scroll.setVbarPolicy(ScrollBarPolicy.NEVER);
    scroll.setHbarPolicy(ScrollBarPolicy.NEVER);
    scroll.setFocusTraversable(false);
    scroll.setMinWidth(0);
    scroll.viewportBoundsProperty().addListener((obs, old, now) -> updateBar(scroll, content));
    content.layoutBoundsProperty().addListener((obs, old, now) -> updateBar(scroll, content));
    return scroll;
  }

  private static void updateBar(ScrollPane scroll, Region content) {
    boolean wider = content.prefWidth(-1) > scroll.getViewportBounds().getWidth() + 0.5;
    ScrollBarPolicy policy = wider ? ScrollBarPolicy.ALWAYS : ScrollBarPolicy.NEVER;
    if (scroll.getHbarPolicy() != policy) {
      scroll.setHbarPolicy(policy);
    }
  }
}
