package dev.pith.app;

import javafx.application.Application;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.stage.Stage;

/** The Pith window. For now a placeholder that says the chat window is coming. */
public final class PithApp extends Application {
  private static final double WIDTH = 960;
  private static final double HEIGHT = 640;

  @Override
  public void start(Stage stage) {
    stage.setTitle("Pith");
    stage.setScene(new Scene(createView(), WIDTH, HEIGHT));
    stage.show();
  }

  private static VBox createView() {
    Label title = new Label("Pith");
    title.setFont(Font.font(32));
    Label message = new Label("The chat window is coming in a later version.");
    Label version = new Label("Version " + PithVersion.get());
    VBox box = new VBox(12, title, message, version);
    box.setAlignment(Pos.CENTER);
    return box;
  }
}
