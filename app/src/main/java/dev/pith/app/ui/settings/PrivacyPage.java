package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.inference.OneLine;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Settings → Privacy: where Pith keeps everything (with a button that opens the folder), and Clear history,
 * which asks first, naming how many conversations will go.
 */
public final class PrivacyPage implements SettingsPage {
  public static final String FOLDER_ID = "data-folder";
  public static final String OPEN_FOLDER_ID = "open-data-folder";
  public static final String CLEAR_ID = "clear-history";
  public static final String CONFIRM_BOX_ID = "clear-history-confirm";
  public static final String CONFIRM_ID = "clear-history-delete";
  public static final String CANCEL_ID = "clear-history-cancel";
  public static final String RESULT_ID = "clear-history-result";

  private final SettingsContext context;
  private final Button clear = new Button("Clear history…", new FontIcon(Feather.TRASH_2));
  private final Label question = new Label();
  private final Button confirm = new Button();
  private final Button cancel = new Button("Cancel");
  private final VBox confirmBox;
  private final Label result = Form.note("");
  private final VBox view;
  private final CloudSection cloud;

  public PrivacyPage(SettingsContext context) {
    this.context = context;
    Path dir = context.dataDir();
    TextField folder = new TextField(dir.toString());
    folder.setId(FOLDER_ID);
    folder.setEditable(false);
    folder.setAccessibleText("Data folder");
    folder.getStyleClass().add("settings-path");
    HBox.setHgrow(folder, Priority.ALWAYS);
    Button open = new Button("Open folder", new FontIcon(Feather.FOLDER));
    open.setId(OPEN_FOLDER_ID);
    open.setAccessibleText("Open the data folder in the file manager");
    open.setOnAction(e -> openFolder(dir));
    HBox folderRow = new HBox(8, folder, open);
    folderRow.setAlignment(Pos.CENTER_LEFT);

    clear.setId(CLEAR_ID);
    clear.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
    clear.setOnAction(e -> askToClear());
    question.setWrapText(true);
    question.setMinHeight(Label.USE_PREF_SIZE);
    confirm.setId(CONFIRM_ID);
    confirm.getStyleClass().add(Styles.DANGER);
    confirm.setMnemonicParsing(false);
    cancel.setId(CANCEL_ID);
    cancel.setOnAction(e -> closeQuestion(true));
    confirmBox = new VBox(10, question, Form.buttons(confirm, cancel));
    confirmBox.setId(CONFIRM_BOX_ID);
    confirmBox.getStyleClass().add("settings-confirm");
    showQuestion(false);
    result.setId(RESULT_ID);

    cloud = new CloudSection(context);
    view = Form.page("Privacy", "Pith keeps everything on this computer. Only if you turn on the cloud below and"
        + " press Send in its preview does any of a conversation leave it.");
    view.getChildren().addAll(
        Form.section("Data folder"), Form.note("Your conversations, settings, backups and models."), folderRow,
        Form.section("History"), Form.note("Clearing deletes every conversation and its messages. It cannot be"
            + " undone; backups made before keep what they hold."), Form.buttons(clear), confirmBox, result);
    view.getChildren().addAll(cloud.nodes());
  }

  @Override
  public String title() {
    return "Privacy";
  }

  @Override
  public Feather icon() {
    return Feather.SHIELD;
  }

  @Override
  public Node view() {
    return view;
  }

  @Override
  public void shown() {
    cloud.shown();
  }

  @Override
  public void leaving() {
    cloud.leaving();
    closeQuestion(false);
    result.setText("");
  }

  /** The file manager opens on the io thread: the desktop's opener may take a moment to start. */
  private void openFolder(Path dir) {
    try {
      CompletableFuture.runAsync(() -> context.opener().accept(dir.toUri().toString()), context.io());
    } catch (RejectedExecutionException e) {
      // the window is closing
    }
  }

  private void askToClear() {
    result.setText("");
    clear.setDisable(true);
    context.chat().countConversations().whenCompleteAsync((count, failure) -> {
      clear.setDisable(false);
      if (failure != null) {
        result.setText("Pith cannot count the conversations: " + OneLine.of(String.valueOf(failure.getMessage())));
        return;
      }
      if (count == 0) {
        result.setText("There are no conversations to delete.");
        return;
      }
      String what = count == 1 ? "1 conversation" : count + " conversations";
      question.setText("Delete all " + what + " and their messages? This cannot be undone.");
      confirm.setText("Delete " + what);
      confirm.setOnAction(e -> clearHistory());
      showQuestion(true);
      SettingsView.reveal(confirmBox);
      cancel.requestFocus(); // the safe choice is where the keyboard is
    }, Platform::runLater);
  }

  private void clearHistory() {
    closeQuestion(false);
    clear.setDisable(true);
    context.chat().clearHistory().whenCompleteAsync((count, failure) -> {
      clear.setDisable(false);
      result.setText(failure != null ? "The history could not be cleared; the banner above the chat says why."
          : count == 1 ? "Deleted 1 conversation." : "Deleted " + count + " conversations.");
    }, Platform::runLater);
  }

  private void closeQuestion(boolean focusClear) {
    showQuestion(false);
    if (focusClear) {
      clear.requestFocus();
    }
  }

  private void showQuestion(boolean shown) {
    confirmBox.setVisible(shown);
    confirmBox.setManaged(shown);
  }
}
