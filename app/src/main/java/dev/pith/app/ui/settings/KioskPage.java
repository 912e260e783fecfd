package dev.pith.app.ui.settings;

import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Settings → Kiosk: a placeholder until kiosk mode arrives. */
public final class KioskPage implements SettingsPage {
  private final VBox view = Form.page("Kiosk", "Kiosk mode arrives in a later version: Pith full screen on a"
      + " public display, settings hidden, an admin PIN to leave, and a fresh conversation after a pause.");

  public KioskPage(SettingsContext context) {
    // Nothing to set yet; the context is what the kiosk page will read and save through.
  }

  @Override
  public String title() {
    return "Kiosk";
  }

  @Override
  public Feather icon() {
    return Feather.MONITOR;
  }

  @Override
  public Node view() {
    return view;
  }
}
