package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;

/**
 * A number setting's field. What is typed is checked as it is typed: a refused value turns the field red and
 * says, under it, what to type instead; it is never saved, and the text stays for the user to fix. A valid
 * value is saved when the user presses Enter or leaves the field (or the page), once per change.
 */
final class NumberInput {
  private final TextField field = new TextField();
  private final Label error = new Label();
  private final NumberRange range;
  private final DoubleConsumer save;
  /** The value on screen as last shown or saved: leaving the field unchanged saves nothing. */
  private double kept = Double.NaN;

  /**
   * @param id the field's id; the message under it is {@code id + "-error"}
   * @param name the setting's name, read by screen readers
   * @param save keeps a valid, changed value
   */
  NumberInput(String id, String name, NumberRange range, DoubleConsumer save) {
    this.range = Objects.requireNonNull(range, "range");
    this.save = Objects.requireNonNull(save, "save");
    field.setId(id);
    field.setAccessibleText(name);
    field.setPrefColumnCount(7);
    field.setMinWidth(Region.USE_PREF_SIZE);
    field.getStyleClass().add("settings-number");
    error.setId(id + "-error");
    error.getStyleClass().addAll(Styles.DANGER, "settings-error");
    error.setWrapText(true);
    error.setMinHeight(Region.USE_PREF_SIZE);
    showProblem(null);
    field.textProperty().addListener((o, before, now) -> showProblem(range.parse(now) == null ? range.problem() : null));
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

  /** Puts {@code value} in the field without saving it (the value already kept). */
  void show(double value) {
    kept = value;
    field.setText(NumberRange.format(value));
  }

  /** Saves what is typed when it is valid and differs from what is kept; a refused value stays as typed. */
  void commit() {
    Double value = range.parse(field.getText());
    if (value != null && value != kept) {
      kept = value;
      save.accept(value);
    }
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
