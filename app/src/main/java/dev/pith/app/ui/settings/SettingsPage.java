package dev.pith.app.ui.settings;

import javafx.scene.Node;
import org.kordamp.ikonli.feather.Feather;

/**
 * One page of Settings: its entry in the page list and its content. Pages are built once, when Settings first
 * opens, from a {@link SettingsContext}; all calls on the FX thread.
 */
public interface SettingsPage {
  /** The name in the page list and the page's heading. */
  String title();

  Feather icon();

  /** The page's content (the same node every time); Settings puts it in a scroll pane. */
  Node view();

  /** The page comes on screen: show the current values (read them off the FX thread when they need the disk). */
  default void shown() {}

  /** The page goes (another page, Settings closes, the window closes): keep what was typed and is valid. */
  default void leaving() {}

  /** The window closes: stop what the page runs in the background (downloads). */
  default void close() {}
}
