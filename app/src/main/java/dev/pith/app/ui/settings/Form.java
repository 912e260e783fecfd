package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The pieces every Settings page is laid out with, so that the pages look alike. */
final class Form {
  private Form() {}

  /** A page: its heading (and controls beside it, such as Reset), an introduction, then its rows. */
  static VBox page(String title, String intro, Node... headerControls) {
    Label heading = new Label(title);
    heading.getStyleClass().addAll(Styles.TITLE_3, "settings-page-title");
    HBox header = new HBox(8, heading, grow());
    header.getChildren().addAll(headerControls);
    header.setAlignment(Pos.CENTER_LEFT);
    VBox page = new VBox(header);
    page.getStyleClass().add("settings-page");
    if (!intro.isEmpty()) {
      page.getChildren().add(note(intro));
    }
    return page;
  }

  /** A heading inside a page. */
  static Label section(String text) {
    Label l = new Label(text);
    l.getStyleClass().addAll(Styles.TITLE_4, "settings-section");
    return l;
  }

  /**
   * One of a page's exclusive choices: a radio button in {@code group} carrying {@code value} as its user data,
   * with its description under it (also read out by screen readers).
   */
  static VBox choice(ToggleGroup group, String id, Object value, String label, String description) {
    RadioButton b = new RadioButton(label);
    b.setId(id);
    b.setUserData(value);
    b.setToggleGroup(group);
    b.setMnemonicParsing(false);
    b.setAccessibleHelp(description);
    Label note = note(description);
    note.getStyleClass().add("settings-choice-note");
    return new VBox(2, b, note);
  }

  /** The radio button of a {@link #choice}. */
  static RadioButton button(VBox choice) {
    return (RadioButton) choice.getChildren().get(0);
  }

  /** Muted text that wraps. */
  static Label note(String text) {
    Label l = new Label(text);
    l.getStyleClass().addAll(Styles.TEXT_MUTED, "settings-note");
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    return l;
  }

  /**
   * A setting: its name and description on the left, the control on the right, and under them the line that
   * says why a value was refused (hidden while there is none).
   */
  static VBox row(String name, Label description, Node control, Label error) {
    VBox row = row(name, description, control);
    row.getChildren().add(error);
    return row;
  }

  /** A setting whose value cannot be refused (a switch, buttons). */
  static VBox row(String name, Label description, Node control) {
    Label title = new Label(name);
    title.getStyleClass().add("settings-row-title");
    title.setLabelFor(control);
    VBox text = new VBox(2, title, description);
    HBox.setHgrow(text, Priority.ALWAYS);
    text.setMinWidth(0);
    HBox line = new HBox(16, text, control);
    line.setAlignment(Pos.CENTER_LEFT);
    VBox row = new VBox(4, line);
    row.getStyleClass().add("settings-row");
    return row;
  }

  /** {@link #row(String, Label, Node, Label)} for a number. */
  static VBox row(String name, String description, NumberInput input) {
    return row(name, note(description), input.field(), input.error());
  }

  /** A setting whose control sits under its text (a text area, a group of choices). */
  static VBox block(String name, String description, Node control) {
    Label title = new Label(name);
    title.getStyleClass().add("settings-row-title");
    title.setLabelFor(control);
    VBox row = new VBox(4, title, note(description), control);
    row.getStyleClass().add("settings-row");
    return row;
  }

  /** A line of buttons, left-aligned. */
  static HBox buttons(Button... buttons) {
    HBox box = new HBox(8, buttons);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  /** "name: value" facts (the hardware), as a two-column list. */
  static HBox fact(String name, Label value) {
    Label n = new Label(name);
    n.getStyleClass().addAll(Styles.TEXT_MUTED, "settings-fact-name");
    n.setMinWidth(Region.USE_PREF_SIZE);
    value.getStyleClass().add("settings-fact-value");
    value.setWrapText(true);
    HBox box = new HBox(12, n, value);
    box.getStyleClass().add("settings-fact");
    return box;
  }

  static Region grow() {
    Region r = new Region();
    HBox.setHgrow(r, Priority.ALWAYS);
    return r;
  }
}
