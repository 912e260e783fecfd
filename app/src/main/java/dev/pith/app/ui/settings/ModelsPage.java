package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.app.cli.Catalogs;
import dev.pith.app.ui.chat.ModelState;
import dev.pith.inference.OneLine;
import dev.pith.inference.models.AvailableModel;
import dev.pith.inference.models.ByteSize;
import dev.pith.inference.models.Catalog;
import dev.pith.inference.models.CatalogEntry;
import dev.pith.inference.models.DownloadSettings;
import dev.pith.inference.models.InstalledModel;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.models.ModelStore;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Settings → Models, a model manager: the installed models (Use, Set as default, Delete), the catalog's models
 * (Download with progress, Cancel, Resume), Import folder…, and what the models folder takes on disk. Listing,
 * import and delete run on the "pith-ui-io" thread, downloads on their own ({@link ModelDownloads}); the FX
 * thread only builds nodes. The list is read again each time the page comes on screen and when a download,
 * import or delete ends.
 */
public final class ModelsPage implements SettingsPage {
  public static final String INSTALLED_ID = "models-installed";
  public static final String CATALOG_ID = "models-catalog";
  public static final String DISK_ID = "models-disk";
  public static final String IMPORT_ID = "models-import";
  public static final String PROBLEM_ID = "models-problem";
  public static final String STATUS_PREFIX = "models-status-";
  public static final String PROGRESS_PREFIX = "models-progress-";
  public static final String DOWNLOAD_PREFIX = "models-download-";
  public static final String CANCEL_PREFIX = "models-cancel-";
  public static final String USE_PREFIX = "models-use-";
  public static final String IN_USE_PREFIX = "models-in-use-";
  public static final String DEFAULT_PREFIX = "models-default-";
  public static final String DEFAULT_BADGE_PREFIX = "models-default-badge-";
  public static final String DELETE_PREFIX = "models-delete-";
  public static final String CONFIRM_DELETE_PREFIX = "models-confirm-delete-";
  public static final String KEEP_PREFIX = "models-keep-";
  static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

  private final SettingsContext context;
  private final ModelStore store;
  private final ModelDownloads downloads;
  private final VBox installedBox = new VBox();
  private final VBox catalogBox = new VBox();
  private final Label disk = new Label();
  private final Label problem = new Label();
  private final Button importButton = new Button("Import folder…", new FontIcon(Feather.FOLDER_PLUS));
  private final Map<String, CatalogCard> catalogCards = new HashMap<>();
  private final Map<String, InstalledCard> installedCards = new HashMap<>();
  /** The latest listing shown, so that a change of the model in use redraws without reading the disk. */
  private Listing shownListing;
  private VBox view;
  private boolean closed;

  public ModelsPage(SettingsContext context) {
    this.context = context;
    this.store = new ModelStore(context.app().modelsDir(),
        DownloadSettings.fromEnvironment(context.app().environment()));
    this.downloads = new ModelDownloads(store, Platform::runLater);
    createView();
    downloads.onChange(this::downloadChanged);
    context.chat().modelProperty().addListener((o, before, now) -> {
      if (shownListing != null) {
        render(shownListing);
      }
    });
  }

  /** A card's id: {@code models-card-<model id>}. */
  public static String cardId(String modelId) {
    return "models-card-" + modelId;
  }

  private void createView() {
    importButton.setId(IMPORT_ID);
    importButton.setMnemonicParsing(false);
    importButton.setAccessibleText("Import a model folder you already have");
    importButton.setOnAction(e -> chooseFolder());
    view = Form.page("Models", "Models run on this machine. Download one from the catalog or import a folder"
        + " you already have; Use switches the chat to it and keeps the conversation.", importButton);
    disk.setId(DISK_ID);
    disk.getStyleClass().add(Styles.TEXT_MUTED);
    disk.setWrapText(true);
    problem.setId(PROBLEM_ID);
    problem.getStyleClass().add("model-status");
    problem.pseudoClassStateChanged(DANGER, true);
    problem.setWrapText(true);
    problem.setManaged(false);
    installedBox.setId(INSTALLED_ID);
    installedBox.getStyleClass().add("model-list");
    catalogBox.setId(CATALOG_ID);
    catalogBox.getStyleClass().add("model-list");
    view.getChildren().addAll(disk, problem, Form.section("Installed"), installedBox,
        Form.section("Catalog"), catalogBox);
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
    refresh();
  }

  /** The window closes: downloads stop, keeping what they downloaded for the next start to resume. */
  @Override
  public void close() {
    closed = true;
    downloads.close();
  }

  /** What the page shows, read off the FX thread. */
  private record Listing(List<AvailableModel> rows, ModelStore.DiskUse disk, String catalogProblem) {}

  /** Reads the catalog, the models folder and the disk on the io thread, then shows them. */
  void refresh() {
    if (closed) {
      return; // the window is going: its io thread with it
    }
    CompletableFuture.supplyAsync(() -> {
      Catalog catalog;
      String catalogProblem = "";
      try {
        catalog = Catalogs.load(null, context.app().environment());
      } catch (ModelException e) {
        catalog = Catalog.empty("none");
        catalogProblem = "The model catalog cannot be read: " + OneLine.of(e.getMessage());
      }
      return new Listing(store.available(catalog), store.diskUse(), catalogProblem);
    }, context.io()).thenAcceptAsync(this::render, Platform::runLater);
  }

  private void render(Listing listing) {
    shownListing = listing;
    ModelState using = context.chat().modelProperty().get();
    String defaultId = context.store().defaultModel().orElse("");
    List<Node> installed = new ArrayList<>();
    List<Node> available = new ArrayList<>();
    installedCards.clear();
    catalogCards.clear();
    for (AvailableModel row : listing.rows()) {
      if (row.installed().isPresent()) {
        InstalledModel model = row.installed().get();
        String name = row.entry().map(CatalogEntry::name).orElse(model.id());
        InstalledCard card = new InstalledCard(model, name, use(using, model), model.id().equals(defaultId),
            actions());
        installedCards.put(model.id(), card);
        installed.add(card);
      } else if (row.entry().isPresent()) {
        CatalogCard card = new CatalogCard(row.entry().get(), row.partialBytes(), downloads::start,
            downloads::cancel);
        downloads.state(row.id()).filter(s -> s.phase() != ModelDownloads.Phase.DONE).ifPresent(card::show);
        catalogCards.put(row.id(), card);
        available.add(card);
      }
    }
    if (installed.isEmpty()) {
      installed.add(Form.note("No model is installed yet: download one from the catalog below, or import a"
          + " folder."));
    }
    if (available.isEmpty()) {
      available.add(Form.note(listing.catalogProblem().isEmpty() ? "Every model of the catalog is installed."
          : listing.catalogProblem()));
    }
    installedBox.getChildren().setAll(installed);
    catalogBox.getChildren().setAll(available);
    ModelStore.DiskUse d = listing.disk();
    disk.setText("Installed " + ByteSize.format(d.installedBytes()) + " · unfinished downloads "
        + ByteSize.format(d.partialBytes()) + (d.freeBytes() >= 0 ? " · " + ByteSize.format(d.freeBytes())
        + " free on this disk" : "") + "\nModels folder: " + store.modelsDir());
  }

  /** "In use", "Loading…", "Cannot load" for the model the chat has, else "". */
  private static String use(ModelState using, InstalledModel model) {
    if (using.dir() == null || !using.dir().toAbsolutePath().normalize().equals(model.dir())) {
      return "";
    }
    return switch (using.status()) {
      case READY -> "In use";
      case LOADING -> "Loading…";
      case FAILED -> "Cannot load";
      case NONE -> "";
    };
  }

  private InstalledCard.Actions actions() {
    return new InstalledCard.Actions() {
      @Override
      public void use(InstalledModel model) {
        context.chat().loadModel(model.dir(), context.store().backend().cpuOptions(context.app().cpu()));
      }

      @Override
      public void makeDefault(InstalledModel model) {
        context.saves().track(context.store().saveDefaultModel(model.id()));
        render(shownListing);
      }

      @Override
      public void delete(InstalledModel model) {
        CompletableFuture.runAsync(() -> {
          try {
            store.remove(model.id());
          } catch (ModelException e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        }, context.io()).whenCompleteAsync((done, failure) -> {
          if (failure != null) {
            InstalledCard card = installedCards.get(model.id());
            if (card != null) {
              card.say("Cannot delete: " + OneLine.of(failure.getCause() != null ? failure.getCause().getMessage()
                  : failure.getMessage()), true);
            }
          }
          refresh();
        }, Platform::runLater);
      }
    };
  }

  private void downloadChanged(ModelDownloads.State state) {
    if (state.phase() == ModelDownloads.Phase.DONE || state.phase() == ModelDownloads.Phase.CANCELLED
        || state.phase() == ModelDownloads.Phase.FAILED) {
      refresh(); // the disk line, and a finished model moves to Installed
    }
    CatalogCard card = catalogCards.get(state.id());
    if (card != null) {
      card.show(state);
    }
  }

  private void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Import a model folder");
    File chosen = chooser.showDialog(view.getScene().getWindow());
    if (chosen != null) {
      importFolder(chosen.toPath());
    }
  }

  /** Validates and copies {@code folder} into the models folder on the io thread; says why when it is refused. */
  void importFolder(Path folder) {
    importButton.setDisable(true);
    problem.setManaged(false);
    problem.setText("");
    CompletableFuture.supplyAsync(() -> {
      try {
        store.importFolder(folder, ModelStore.idFor(folder));
        return "";
      } catch (ModelException e) {
        return "Cannot import " + folder + ": " + OneLine.of(e.getMessage());
      }
    }, context.io()).thenAcceptAsync(refusal -> {
      importButton.setDisable(false);
      problem.setText(refusal);
      problem.setManaged(!refusal.isEmpty());
      refresh();
    }, Platform::runLater);
  }
}
