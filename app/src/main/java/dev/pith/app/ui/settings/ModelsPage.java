package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.app.ui.chat.ModelState;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Settings → Models. For now it says how models are managed (with {@code pith models …} in a terminal), where
 * they live and which one answers.
 *
 * <p>To build the real page on the download API: keep the constructor's signature (Settings registers the page
 * with {@code new ModelsPage(context)}) and replace {@link #createView()}. The context gives what the page needs:
 * {@code context.app().modelsDir()} (where model folders live), {@code context.app().db()},
 * {@code context.io()} (the "pith-ui-io" thread, for listing folders and reading the catalog off the FX thread;
 * a download wants its own named thread), {@code context.chat().modelProperty()} (the model in use and its
 * state) and {@code context.chat().loadModel(dir, context.store().backend().cpuOptions(context.app().cpu()))} to
 * switch models without losing the conversation; {@link #shown()} is the place to refresh the list.
 */
public final class ModelsPage implements SettingsPage {
  public static final String CURRENT_ID = "models-current";

  private final SettingsContext context;
  private final Label current = new Label();
  private VBox view;

  public ModelsPage(SettingsContext context) {
    this.context = context;
    createView();
  }

  private void createView() {
    view = Form.page("Models", "Choosing and downloading models here comes in a later version. For now, models are"
        + " managed with pith models … in a terminal:");
    Label commands = new Label("""
        pith models list           the catalog and what is installed
        pith models pull ID        download a model and check it
        pith models import DIR     add a model folder you already have
        pith models rm ID          remove one""");
    commands.getStyleClass().add("settings-command");
    commands.setWrapText(true);
    current.setId(CURRENT_ID);
    current.getStyleClass().add(Styles.TEXT_MUTED);
    current.setWrapText(true);
    view.getChildren().addAll(commands,
        Form.note("Model folders live in " + context.app().modelsDir() + ". With one folder there, Pith opens it"
            + " at start; pith --model DIR opens another."),
        current);
  }

  @Override
  public String title() {
    return "Models";
  }

  @Override
  public Feather icon() {
    return Feather.PACKAGE;
  }

  @Override
  public Node view() {
    return view;
  }

  @Override
  public void shown() {
    ModelState model = context.chat().modelProperty().get();
    current.setText(switch (model.status()) {
      case NONE -> "No model is open.";
      case LOADING -> "Loading " + model.name() + "…";
      case READY -> "In use: " + model.name() + " (" + model.dir() + ")";
      case FAILED -> "Cannot load " + model.name() + ": " + model.problem();
    });
  }
}
