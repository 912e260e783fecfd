package dev.pith.app.ui.stats;

import atlantafx.base.theme.Styles;
import dev.pith.app.ui.settings.NumberRange;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;

/**
 * A price typed on the Stats page. A valid value is used at once (the costs follow as it is typed) and saved on
 * Enter, on leaving the field and on leaving the page; a refused one turns the field red, says what to type and is
 * neither used nor saved. An empty field means "no price" where that is allowed (the cloud's), else it is refused.
 */
final class PriceField {
  private final TextField field = new TextField();
  private final Label error = new Label();
  private final NumberRange range;
  private final boolean emptyAllowed;
  private final Consumer<Double> use;
  private final Consumer<Double> save;
  /** The value last shown or saved; null: none. */
  private Double kept;

  /**
   * @param use gets each valid value as it is typed (null: empty); FX thread
   * @param save keeps a valid value that differs from the one kept
   */
  PriceField(String id, String name, NumberRange range, boolean emptyAllowed, Consumer<Double> use,
      Consumer<Double> save) {
    this.range = Objects.requireNonNull(range, "range");
    this.emptyAllowed = emptyAllowed;
    this.use = Objects.requireNonNull(use, "use");
    this.save = Objects.requireNonNull(save, "save");
    field.setId(id);
    field.setAccessibleText(name);
    field.setPrefColumnCount(7);
    field.setMinWidth(Region.USE_PREF_SIZE);
    field.getStyleClass().add("stats-price");
    error.setId(id + "-error");
    error.getStyleClass().addAll(Styles.DANGER, "stats-error");
    error.setWrapText(true);
    error.setMinHeight(Region.USE_PREF_SIZE);
    showProblem(null);
    field.textProperty().addListener((o, before, now) -> typed(now));
    field.setOnAction(e -> commit());
    field.focusedProperty().addListener((o, before, now) -> {
      if (!now) {
        commit();
      }
    });
  }

  TextField field() {
    return field;
  }

  Label error() {
    return error;
  }

  /** Puts {@code value} (null: empty) in the field as the value kept, without saving it. */
  void show(Double value) {
    kept = value;
    field.setText(value == null ? "" : NumberRange.format(value));
  }

  /** Saves what is typed when it is valid and differs from what is kept. */
  void commit() {
    Parsed p = parse(field.getText());
    if (p.valid() && !Objects.equals(p.value(), kept)) {
      kept = p.value();
      save.accept(p.value());
    }
  }

  private void typed(String text) {
    Parsed p = parse(text);
    showProblem(p.valid() ? null : emptyAllowed ? range.problem() + " Or leave it empty." : range.problem());
    if (p.valid()) {
      use.accept(p.value());
    }
  }

  private record Parsed(boolean valid, Double value) {}

  private Parsed parse(String text) {
    if (text.isBlank()) {
      return new Parsed(emptyAllowed, null);
    }
    Double v = range.parse(text);
    return new Parsed(v != null, v);
  }

  private void showProblem(String problem) {
    boolean refused = problem != null;
    error.setText(refused ? "Not used. " + problem : "");
    error.setVisible(refused);
    error.setManaged(refused);
    field.pseudoClassStateChanged(Styles.STATE_DANGER, refused);
    field.setAccessibleHelp(refused ? error.getText() : null);
  }
}
