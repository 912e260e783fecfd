package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;

/**
 * A number field, for Settings and the Stats page's prices. What is typed is checked as it is typed: a refused value
 * turns the field red and says, under it, what to type instead; it is never used or saved, and the text stays for the
 * user to fix. A valid value is saved when the user presses Enter or leaves the field (or the page), once per change;
 * a {@link #live} field also hands each valid value on as it is typed, so what depends on it can follow at once.
 */
public final class NumberInput {
  /** The field's style class (right-aligned figures); its message's is {@link #ERROR_STYLE}. Both in pith.css. */
  public static final String STYLE = "number-input";
  public static final String ERROR_STYLE = "number-input-error";

  private final TextField field = new TextField();
  private final Label error = new Label();
  private final NumberRange range;
  private final boolean emptyAllowed;
  private final Consumer<Double> use;
  private final Consumer<Double> save;
  /** The value on screen as last shown or saved (null: empty): leaving the field unchanged saves nothing. */
  private Double kept;

  /**
   * A setting that must have a value.
   *
   * @param id the field's id; the message under it is {@code id + "-error"}
   * @param name the setting's name, read by screen readers
   * @param save keeps a valid, changed value
   */
  NumberInput(String id, String name, NumberRange range, DoubleConsumer save) {
    this(id, name, range, false, value -> { }, value -> save.accept(value));
  }

  private NumberInput(String id, String name, NumberRange range, boolean emptyAllowed, Consumer<Double> use,
      Consumer<Double> save) {
    this.range = Objects.requireNonNull(range, "range");
    this.emptyAllowed = emptyAllowed;
    this.use = Objects.requireNonNull(use, "use");
    this.save = Objects.requireNonNull(save, "save");
    field.setId(id);
    field.setAccessibleText(name);
    field.setPrefColumnCount(7);
    field.setMinWidth(Region.USE_PREF_SIZE);
    field.getStyleClass().add(STYLE);
    error.setId(id + "-error");
    error.getStyleClass().addAll(Styles.DANGER, ERROR_STYLE);
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

  /**
   * A field whose valid values are {@code use}d as they are typed as well as saved; with {@code emptyAllowed}, an
   * empty field is the value null ("none").
   *
   * @param use gets each valid value as it is typed (FX thread)
   * @param save keeps a valid value that differs from the one kept
   */
  public static NumberInput live(String id, String name, NumberRange range, boolean emptyAllowed,
      Consumer<Double> use, Consumer<Double> save) {
    return new NumberInput(id, name, range, emptyAllowed, use, save);
  }

  public TextField field() {
    return field;
  }

  public Label error() {
    return error;
  }

  /** Puts {@code value} in the field without saving it (the value already kept). */
  void show(double value) {
    show(Double.valueOf(value));
  }

  /** Puts {@code value} (null: empty) in the field as the value kept, without saving it. */
  public void show(Double value) {
    kept = value;
    field.setText(value == null ? "" : NumberRange.format(value));
  }

  /** Saves what is typed when it is valid and differs from what is kept; a refused value stays as typed. */
  public void commit() {
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
    error.setText(refused ? "Not saved. " + problem : "");
    error.setVisible(refused);
    error.setManaged(refused);
    field.pseudoClassStateChanged(Styles.STATE_DANGER, refused);
    field.setAccessibleHelp(refused ? error.getText() : null);
  }
}
