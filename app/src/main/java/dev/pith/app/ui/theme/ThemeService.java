package dev.pith.app.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/**
 * Applies an {@link Appearance} to the application: AtlantaFX's Primer theme as the user-agent stylesheet,
 * Pith's own stylesheet on the scene, the {@code :dark} and {@code :high-contrast} pseudo-classes on the
 * root, and the base font size on the root (every size in Pith's CSS is in em, so Ctrl +/− scales it all).
 */
public final class ThemeService {
  public static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
  public static final PseudoClass HIGH_CONTRAST = PseudoClass.getPseudoClass("high-contrast");
  private static final String PITH_CSS = Objects.requireNonNull(
      ThemeService.class.getResource("pith.css"), "pith.css").toExternalForm();

  private final ReadOnlyObjectWrapper<Appearance> appearance = new ReadOnlyObjectWrapper<>(this, "appearance");
  private final List<Scene> scenes = new ArrayList<>();
  private Boolean appliedDark;
  /** Pixels added to the appearance's font size (kiosk mode), neither shown in Settings nor saved. */
  private double fontBoost;

  public ThemeService(Appearance initial) {
    appearance.set(Objects.requireNonNull(initial, "initial"));
  }

  /** Styles {@code s} (the window, or a dialog of it) now and whenever the appearance changes. */
  public void attach(Scene s) {
    scenes.add(s);
    s.getStylesheets().add(PITH_CSS);
    apply(appearance.get());
  }

  /** Stops styling {@code s} (a dialog that closed). */
  public void detach(Scene s) {
    scenes.remove(s);
  }

  public ReadOnlyObjectProperty<Appearance> appearanceProperty() {
    return appearance.getReadOnlyProperty();
  }

  public Appearance appearance() {
    return appearance.get();
  }

  public void set(Appearance next) {
    appearance.set(Objects.requireNonNull(next, "next"));
    apply(next);
  }

  /**
   * Makes every text {@code pixels} larger than the appearance says, without changing the appearance (kiosk mode:
   * large text for people standing at a screen, while the saved text size stays the one of the normal window).
   */
  public void boostFont(double pixels) {
    fontBoost = pixels;
    apply(appearance.get());
  }

  public void toggleDark() {
    set(appearance().withDark(!appearance().dark()));
  }

  public void toggleHighContrast() {
    set(appearance().withHighContrast(!appearance().highContrast()));
  }

  public void zoom(int steps) {
    set(steps == 0 ? appearance().withDefaultFontSize() : appearance().withFontSteps(steps));
  }

  private void apply(Appearance a) {
    if (appliedDark == null || appliedDark != a.dark()) {
      Application.setUserAgentStylesheet(a.dark()
          ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
      appliedDark = a.dark();
    }
    for (Scene scene : scenes) {
      if (scene.getRoot() != null) {
        scene.getRoot().pseudoClassStateChanged(DARK, a.dark());
        scene.getRoot().pseudoClassStateChanged(HIGH_CONTRAST, a.highContrast());
        scene.getRoot().setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", a.fontSize() + fontBoost));
      }
    }
  }
}
