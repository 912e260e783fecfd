package dev.pith.app.ui.status;

import java.util.Objects;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One figure of the {@link StatusBar}: an icon and a text in a long form ({@code TTFT 320 ms}) and a short one
 * ({@code 320 ms}) for a narrow window, with a tooltip and the words a screen reader says. The bar decides which
 * form fits, or whether the field is dropped; the field only shows what it is told and remembers it.
 *
 * <p>Setters are called with the same text most refreshes; JavaFX's properties ignore an equal value, so
 * nothing is re-laid out unless a figure really changed.
 */
final class StatusField {
  /** Style class of every field. */
  static final String STYLE_CLASS = "status-field";
  /** Icon size relative to the field's text. */
  private static final double ICON_SCALE = 1.15;

  private final Label label = new Label();
  private final FontIcon icon;
  private final Tooltip tooltip = new Tooltip();
  private String full = "";
  private String compact = "";
  private boolean present;
  private boolean condensed;
  private boolean fits = true;

  StatusField(String styleClass, Ikon icon) {
    this.icon = new FontIcon(Objects.requireNonNull(icon, "icon"));
    label.getStyleClass().addAll(STYLE_CLASS, styleClass);
    // Sized from the label's font in code: "-fx-icon-size: 1.1em" would be relative to the icon's own font,
    // which that very size sets, and grows on every CSS pass. A value set in code outranks the theme's.
    label.fontProperty().addListener((font, old, now) -> sizeIcon());
    sizeIcon();
    label.setGraphic(this.icon);
    label.setMinWidth(Region.USE_PREF_SIZE); // the bar drops or condenses a field; it never squeezes one
    label.setTooltip(tooltip);
    label.setWrapText(false);
    apply();
  }

  Label label() {
    return label;
  }

  /** Shows the figure: {@code fullText} when there is room, else {@code compactText}. */
  void show(String fullText, String compactText, String accessibleText) {
    full = fullText;
    compact = compactText;
    present = true;
    label.setAccessibleText(accessibleText);
    apply();
  }

  /** Takes the field out of the bar until it is shown again (nothing known to show). */
  void hide() {
    present = false;
    apply();
  }

  void tooltip(String text) {
    tooltip.setText(text);
  }

  void icon(Ikon ikon) {
    if (icon.getIconCode() != ikon) {
      icon.setIconCode(ikon);
    }
  }

  boolean present() {
    return present;
  }

  /** The width the field needs in the long or short form, measured with its font as it is now styled. */
  double width(boolean compactForm, Text measure) {
    String wanted = compactForm ? compact : full;
    return label.prefWidth(-1) - textWidth(label.getText(), measure) + textWidth(wanted, measure) + 1;
  }

  /** Applies the bar's decision: the short form or not, and whether the field is in the bar at all. */
  void fit(boolean compactForm, boolean inBar) {
    condensed = compactForm;
    fits = inBar;
    apply();
  }

  private void sizeIcon() {
    icon.setIconSize((int) Math.round(label.getFont().getSize() * ICON_SCALE));
  }

  private void apply() {
    label.setText(condensed ? compact : full);
    boolean shown = present && fits;
    label.setVisible(shown);
    label.setManaged(shown);
  }

  private double textWidth(String text, Text measure) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    measure.setFont(label.getFont());
    measure.setText(text);
    return measure.getLayoutBounds().getWidth();
  }
}
