package dev.pith.app.ui.chat;

import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the chat pane shows when the thread is empty: how to get a model when there is none, progress while
 * one loads, why it failed, or an invitation to ask once it is ready.
 */
final class EmptyState extends VBox {
  static final String ID = "empty-state";
  static final String CHOOSE_ID = "empty-choose-model";

  private final Path modelsDir;
  private final FontIcon icon = new FontIcon();
  private final Label title = new Label();
  private final Label detail = new Label();
  private final Label command = new Label();
  private final ProgressIndicator progress = new ProgressIndicator();
  /** Opens Settings → Models: where a model is downloaded, imported or chosen. */
  private final Button choose = new Button("Choose a model", new FontIcon(Feather.PACKAGE));
  private Runnable chooseModel = () -> { };
  /** In kiosk mode, what visitors are told when the model is ready; null in a normal window. */
  private String kioskNote;

  /** @param modelsDir where Pith looks for model folders, named in the instructions */
  EmptyState(Path modelsDir) {
    this.modelsDir = modelsDir;
    setId(ID);
    getStyleClass().add("empty-state");
    setAlignment(Pos.CENTER);
    setSpacing(12);
    setFillWidth(false);
    icon.getStyleClass().add("empty-icon");
    title.getStyleClass().addAll(Styles.TITLE_3, "empty-title");
    detail.getStyleClass().addAll(Styles.TEXT_MUTED, "empty-detail");
    detail.setWrapText(true);
    detail.setMaxWidth(520);
    command.getStyleClass().add("empty-command");
    command.setWrapText(true);
    command.setMaxWidth(520);
    progress.setPrefSize(36, 36);
    choose.setId(CHOOSE_ID);
    choose.getStyleClass().add(Styles.ACCENT);
    choose.setAccessibleText("Choose a model in Settings → Models");
    choose.setOnAction(e -> chooseModel.run());
    getChildren().addAll(icon, progress, title, detail, choose, command);
  }

  /** What "Choose a model" does: the window opens Settings at its Models page. */
  void onChooseModel(Runnable action) {
    chooseModel = action;
  }

  /**
   * Kiosk mode: no "Choose a model" (Settings is for staff), a line for staff instead, and {@code note} for visitors
   * when the model is ready. Takes effect at the next {@link #show}.
   */
  void kiosk(String note) {
    kioskNote = Objects.requireNonNull(note, "note");
    // The line for staff is a sentence, not a command to copy.
    command.getStyleClass().remove("empty-command");
    if (!command.getStyleClass().contains("empty-staff")) {
      command.getStyleClass().add("empty-staff");
    }
  }

  void show(ModelState model) {
    if (kioskNote != null) {
      showKiosk(model);
      return;
    }
    choose.setVisible(model.status() == ModelState.Status.NONE || model.status() == ModelState.Status.FAILED);
    choose.setManaged(choose.isVisible());
    progress.setVisible(model.status() == ModelState.Status.LOADING);
    progress.setManaged(progress.isVisible());
    icon.setVisible(!progress.isVisible());
    icon.setManaged(icon.isVisible());
    switch (model.status()) {
      case NONE -> set(Feather.PACKAGE, "No model yet",
          "Pith answers with a language model that runs on this computer. Download one or import a folder you"
              + " have in Settings → Models (models live in " + modelsDir + "), or start Pith with a model folder."
              + " Your conversations are still here to read and search.",
          "pith --model /path/to/model-folder");
      case LOADING -> set(Feather.PACKAGE, "Loading " + model.name() + "…",
          "Reading the model into memory. This takes a few seconds on a Raspberry Pi.", "");
      case FAILED -> set(Feather.ALERT_TRIANGLE, "Cannot load " + model.name(), model.problem(),
          "pith doctor  — checks the model folder, the database and the backends");
      case READY -> set(Feather.MESSAGE_CIRCLE, "Ask " + model.name() + " anything",
          "Answers are generated on this computer and never leave it. Enter sends, Shift+Enter adds a line,"
              + " Esc stops an answer, Ctrl+N starts a new chat, Ctrl+F searches your conversations.", "");
      default -> throw new IllegalStateException(model.status().toString());
    }
  }

  /** What a visitor at a kiosk sees: nothing about files, commands or shortcuts; staff are asked to help. */
  private void showKiosk(ModelState model) {
    choose.setVisible(false);
    choose.setManaged(false);
    progress.setVisible(model.status() == ModelState.Status.LOADING);
    progress.setManaged(progress.isVisible());
    icon.setVisible(!progress.isVisible());
    icon.setManaged(icon.isVisible());
    String staff = "Staff: open Settings → Models from the staff menu to download or choose one.";
    switch (model.status()) {
      case NONE -> set(Feather.PACKAGE, "No model yet", "This kiosk has no language model to answer with yet.",
          staff);
      case LOADING -> set(Feather.PACKAGE, "Getting ready…", "Reading the model into memory. This takes a few"
          + " seconds.", "");
      case FAILED -> set(Feather.ALERT_TRIANGLE, "Not available right now", "The model cannot be loaded: "
          + model.problem(), staff);
      case READY -> set(Feather.MESSAGE_CIRCLE, "Ask " + model.name() + " anything", kioskNote, "");
      default -> throw new IllegalStateException(model.status().toString());
    }
  }

  private void set(Feather glyph, String heading, String text, String commandText) {
    icon.setIconCode(glyph);
    title.setText(heading);
    detail.setText(text);
    command.setText(commandText);
    command.setVisible(!commandText.isEmpty());
    command.setManaged(command.isVisible());
  }
}
