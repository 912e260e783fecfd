package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.inference.models.ByteSize;
import dev.pith.inference.models.InstalledModel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * An installed model in Settings → Models: its name, id, size, origin and folder, whether it is in use or the
 * default, and Use, Set as default and Delete (which asks first, and refuses the model in use). FX thread only.
 */
final class InstalledCard extends VBox {
  /** What the card's buttons do. */
  interface Actions {
    void use(InstalledModel model);

    void makeDefault(InstalledModel model);

    void delete(InstalledModel model);
  }

  private final InstalledModel model;
  private final String name;
  private final Label status = new Label();
  private final HBox buttons;

  /**
   * @param name the display name (the catalog's, else the id)
   * @param use whether the chat uses it: "in use", "loading" or "" (see {@link ModelsPage})
   */
  InstalledCard(InstalledModel model, String name, String use, boolean isDefault, Actions actions) {
    this.model = model;
    this.name = name;
    String id = model.id();
    setId(ModelsPage.cardId(id));
    getStyleClass().add("model-card");
    Label title = new Label(name);
    title.getStyleClass().add("model-name");
    HBox heading = new HBox(8, title);
    heading.setAlignment(Pos.CENTER_LEFT);
    if (!use.isEmpty()) {
      Label badge = CatalogCard.badge(use);
      badge.setId(ModelsPage.IN_USE_PREFIX + id);
      badge.getStyleClass().add("model-badge-success");
      heading.getChildren().add(badge);
    }
    if (isDefault) {
      Label badge = CatalogCard.badge("Default");
      badge.setId(ModelsPage.DEFAULT_BADGE_PREFIX + id);
      heading.getChildren().add(badge);
    }
    Label facts = new Label(id + " · " + ByteSize.format(model.sizeBytes()) + " · " + origin(model.origin()));
    facts.getStyleClass().add("model-facts");
    Label path = new Label(model.dir().toString());
    path.getStyleClass().addAll("settings-path", Styles.TEXT_MUTED, "model-path");
    path.setWrapText(true);

    Button useButton = button("Use", Feather.PLAY, ModelsPage.USE_PREFIX + id, "Use " + name + " in the chat");
    useButton.setDisable(!use.isEmpty());
    useButton.setOnAction(e -> actions.use(model));
    Button defaultButton = button("Set as default", Feather.STAR, ModelsPage.DEFAULT_PREFIX + id,
        "Open " + name + " when Pith starts");
    defaultButton.setDisable(isDefault);
    defaultButton.setOnAction(e -> actions.makeDefault(model));
    Button delete = button("Delete", Feather.TRASH_2, ModelsPage.DELETE_PREFIX + id, "Delete " + name + " from disk");
    delete.getStyleClass().add(Styles.DANGER);
    delete.setOnAction(e -> {
      if (use.isEmpty()) {
        confirm(actions);
      } else {
        say(name + " is in use in the chat: use another model first, then delete this one.", true);
      }
    });
    buttons = Form.buttons(useButton, defaultButton, delete);
    status.setId(ModelsPage.STATUS_PREFIX + id);
    status.setWrapText(true);
    status.getStyleClass().add("model-status");
    status.setManaged(false);
    getChildren().addAll(heading, facts, path, buttons, status);
  }

  /** Shows a one-line message under the buttons (a refusal, a failure). */
  void say(String text, boolean problem) {
    status.setText(text);
    status.setManaged(true);
    status.pseudoClassStateChanged(ModelsPage.DANGER, problem);
  }

  /** Delete asks first, in the card: "Delete X (size)?" with Delete and Keep. */
  private void confirm(Actions actions) {
    Label question = new Label("Delete " + name + " (" + ByteSize.format(model.sizeBytes()) + ")? Its folder is"
        + " removed from disk.");
    question.setWrapText(true);
    Button yes = button("Delete", Feather.TRASH_2, ModelsPage.CONFIRM_DELETE_PREFIX + model.id(),
        "Yes, delete " + name);
    yes.getStyleClass().add(Styles.DANGER);
    Button keep = button("Keep", Feather.X, ModelsPage.KEEP_PREFIX + model.id(), "Keep " + name);
    HBox box = Form.buttons(yes, keep);
    box.getChildren().add(0, question);
    int at = getChildren().indexOf(buttons);
    getChildren().set(at, box);
    yes.setOnAction(e -> {
      yes.setDisable(true);
      actions.delete(model);
    });
    keep.setOnAction(e -> {
      getChildren().set(getChildren().indexOf(box), buttons);
      buttons.getChildren().get(2).requestFocus();
    });
    keep.requestFocus();
  }

  private static Button button(String text, Feather icon, String id, String accessible) {
    Button b = new Button(text, new FontIcon(icon));
    b.setId(id);
    b.setAccessibleText(accessible);
    b.setMnemonicParsing(false);
    return b;
  }

  private static String origin(String origin) {
    return switch (origin) {
      case "catalog" -> "downloaded from the catalog";
      case "import" -> "imported";
      default -> "folder put there by hand";
    };
  }
}
