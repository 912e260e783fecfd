package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.app.ui.theme.Appearance;
import dev.pith.app.ui.theme.ThemeService;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Settings → Appearance: the dark or light theme, high contrast and the text size, applied as they change (the
 * window saves the appearance). The page follows changes made elsewhere (the theme button, Ctrl +/−).
 */
public final class AppearancePage implements SettingsPage {
  public static final String DARK_ID = "setting-dark";
  public static final String CONTRAST_ID = "setting-high-contrast";
  public static final String SIZE_ID = "setting-text-size";

  private final ThemeService theme;
  private final Switch dark = new Switch("Dark theme");
  private final Switch contrast = new Switch("High contrast");
  private final Label size = new Label();
  private final VBox view;

  public AppearancePage(SettingsContext context) {
    this.theme = context.theme();
    dark.setId(DARK_ID);
    contrast.setId(CONTRAST_ID);
    size.setId(SIZE_ID);
    size.setMinWidth(Label.USE_PREF_SIZE);
    Button smaller = button("A−", "Smaller text (Ctrl+Minus)", () -> theme.zoom(-1));
    Button larger = button("A+", "Larger text (Ctrl+Plus)", () -> theme.zoom(1));
    Button standard = button("Default", "Default text size (Ctrl+0)", () -> theme.zoom(0));
    HBox sizes = new HBox(8, smaller, size, larger, standard);
    sizes.setAlignment(Pos.CENTER_LEFT);
    sizes.setMinWidth(HBox.USE_PREF_SIZE);
    view = Form.page("Appearance", "How Pith looks. Changes show at once.");
    view.getChildren().addAll(
        Form.row("Dark theme", Form.note("Light text on a dark background. The sun or moon button in the title"
            + " bar switches too."), dark),
        Form.row("High contrast", Form.note("Plain black and white, strong borders and a bright focus ring."),
            contrast),
        Form.row("Text size", Form.note("Everything in the window grows or shrinks with it ("
            + Math.round(Appearance.MIN_FONT_SIZE) + "–" + Math.round(Appearance.MAX_FONT_SIZE) + " px, default "
            + Math.round(Appearance.DEFAULT_FONT_SIZE) + ")."), sizes));
    show(theme.appearance());
    theme.appearanceProperty().addListener((o, before, now) -> show(now));
    dark.selectedProperty().addListener((o, before, now) -> theme.set(theme.appearance().withDark(now)));
    contrast.selectedProperty().addListener((o, before, now) -> theme.set(theme.appearance().withHighContrast(now)));
  }

  private static Button button(String text, String accessible, Runnable action) {
    Button b = new Button(text);
    b.getStyleClass().add(Styles.BUTTON_OUTLINED);
    b.setAccessibleText(accessible);
    b.setMnemonicParsing(false);
    b.setMinWidth(Button.USE_PREF_SIZE);
    b.setOnAction(e -> action.run());
    return b;
  }

  private void show(Appearance a) {
    dark.setSelected(a.dark());
    contrast.setSelected(a.highContrast());
    size.setText(Math.round(a.fontSize()) + " px");
  }

  @Override
  public String title() {
    return "Appearance";
  }

  @Override
  public Feather icon() {
    return Feather.EYE;
  }

  @Override
  public Node view() {
    return view;
  }
}
