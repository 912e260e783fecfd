package dev.pith.app.ui;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.pith.app.ui.theme.ThemeService;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Settings (Ctrl+,). For now the appearance only — theme, high contrast, text size; models and answer
 * settings come with the settings issue.
 */
final class SettingsDialog {
  static final String ID = "settings-dialog";

  private final Stage dialog = new Stage();

  SettingsDialog(Window owner, ThemeService theme) {
    dialog.initOwner(owner);
    dialog.initModality(Modality.WINDOW_MODAL);
    dialog.setTitle("Settings");
    ToggleSwitch dark = new ToggleSwitch("Dark theme");
    dark.setSelected(theme.appearance().dark());
    dark.selectedProperty().addListener((o, before, now) -> theme.set(theme.appearance().withDark(now)));
    ToggleSwitch contrast = new ToggleSwitch("High contrast");
    contrast.setSelected(theme.appearance().highContrast());
    contrast.selectedProperty().addListener((o, before, now) ->
        theme.set(theme.appearance().withHighContrast(now)));
    Label size = new Label();
    Runnable showSize = () -> size.setText(Math.round(theme.appearance().fontSize()) + " px");
    showSize.run();
    theme.appearanceProperty().addListener((o, before, now) -> showSize.run());
    Button smaller = new Button("A−");
    smaller.setAccessibleText("Smaller text (Ctrl+Minus)");
    smaller.setOnAction(e -> theme.zoom(-1));
    Button larger = new Button("A+");
    larger.setAccessibleText("Larger text (Ctrl+Plus)");
    larger.setOnAction(e -> theme.zoom(1));
    Button reset = new Button("Reset");
    reset.setAccessibleText("Default text size (Ctrl+0)");
    reset.setOnAction(e -> theme.zoom(0));
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox sizeRow = new HBox(8, new Label("Text size"), grow, smaller, size, larger, reset);
    sizeRow.setAlignment(Pos.CENTER_LEFT);
    Label title = new Label("Appearance");
    title.getStyleClass().add(Styles.TITLE_4);
    Label later = new Label("Models, answer length and sampling come to Settings in the next version.");
    later.getStyleClass().add(Styles.TEXT_MUTED);
    later.setWrapText(true);
    Button close = new Button("Close");
    close.setDefaultButton(true);
    close.setCancelButton(true);
    close.setOnAction(e -> dialog.close());
    HBox buttons = new HBox(close);
    buttons.setAlignment(Pos.CENTER_RIGHT);
    VBox box = new VBox(14, title, dark, contrast, sizeRow, later, buttons);
    box.setId(ID);
    box.setPadding(new Insets(20));
    box.setPrefWidth(420);
    box.getStyleClass().add("settings-dialog");
    Scene scene = new Scene(box);
    theme.attach(scene);
    dialog.setOnHidden(e -> theme.detach(scene));
    dialog.setScene(scene);
  }

  void show() {
    dialog.show();
  }
}
