package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.pith.app.ui.Viewports;
import java.util.List;
import java.util.Objects;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Settings, in the window: a title bar with Back, the list of pages on the left and the chosen page on the right,
 * scrolling when it is taller than the window (the Pi's 800×480). Keyboard: Up/Down in the list choose a page,
 * Tab goes into it, Esc (the window's) goes back to the chat. FX thread only.
 */
public final class SettingsView extends BorderPane {
  public static final String ID = "settings";
  public static final String PAGES_ID = "settings-pages";
  public static final String BACK_ID = "settings-back";

  private final List<SettingsPage> pages;
  private final ListView<SettingsPage> list = new ListView<>();
  private final ScrollPane scroller = new ScrollPane();
  private final Button back = new Button("Back to chat", new FontIcon(Feather.ARROW_LEFT));
  private SettingsPage current;

  /** @param onBack goes back to the chat (Back, Esc) */
  public SettingsView(SettingsContext context, Runnable onBack) {
    Objects.requireNonNull(onBack, "onBack");
    // The pages, in the list's order: one line each.
    pages = List.of(
        new ModelsPage(context),
        new GenerationPage(context),
        new BackendPage(context),
        new AppearancePage(context),
        new PrivacyPage(context),
        new KioskPage(context));
    createView(context.saves());
    back.setOnAction(e -> onBack.run());
    list.getSelectionModel().selectedItemProperty().addListener((o, before, now) -> show(now));
    // Tab (or a page) moving the keyboard to a control below the fold scrolls it into view.
    ChangeListener<Node> follow = (o, before, now) -> {
      if (now != null && isAncestor(scroller, now)) {
        reveal(now);
      }
    };
    sceneProperty().addListener((o, before, now) -> {
      if (before != null) {
        before.focusOwnerProperty().removeListener(follow);
      }
      if (now != null) {
        now.focusOwnerProperty().addListener(follow);
      }
    });
  }

  private static boolean isAncestor(Node ancestor, Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n == ancestor) {
        return true;
      }
    }
    return false;
  }

  /**
   * Scrolls the page that holds {@code node} as little as needed to show all of it (its top when it is taller
   * than the view). Lays the page out first, so a part that has just appeared has its place.
   */
  static void reveal(Node node) {
    ScrollPane pane = null;
    for (Node n = node.getParent(); n != null && pane == null; n = n.getParent()) {
      pane = n instanceof ScrollPane p ? p : null;
    }
    if (pane == null || pane.getContent() == null) {
      return;
    }
    pane.layout();
    Node content = pane.getContent();
    Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
    double view = pane.getViewportBounds().getHeight();
    double range = content.getBoundsInLocal().getHeight() - view;
    if (b == null || range <= 0) {
      return;
    }
    double margin = 12;
    double top = pane.getVvalue() * range;
    if (b.getMaxY() + margin > top + view) {
      top = b.getMaxY() + margin - view;
    }
    if (b.getMinY() - margin < top) {
      top = b.getMinY() - margin;
    }
    pane.setVvalue(Math.max(0, Math.min(1, top / range)));
  }

  private void createView(SaveStatus saves) {
    setId(ID);
    getStyleClass().add("settings-view");
    getStylesheets().add(Objects.requireNonNull(SettingsView.class.getResource("settings.css")).toExternalForm());

    back.setId(BACK_ID);
    back.getStyleClass().add(Styles.FLAT);
    back.setAccessibleText("Back to the chat (Esc)");
    back.setTooltip(new Tooltip("Back to the chat (Esc)"));
    back.setMnemonicParsing(false);
    Label title = new Label("Settings");
    title.getStyleClass().addAll(Styles.TITLE_4, "settings-title");
    HBox grow = new HBox();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox header = new HBox(8, back, title, grow, saves);
    header.setAlignment(Pos.CENTER_LEFT);
    header.getStyleClass().add("settings-header");

    list.setId(PAGES_ID);
    list.getStyleClass().addAll("settings-pages", "rounded-rows", Tweaks.EDGE_TO_EDGE);
    list.setAccessibleText("Settings pages");
    list.getItems().setAll(pages);
    list.setCellFactory(view -> new PageCell());

    Viewports.uncached(scroller);
    scroller.setFitToWidth(true);
    scroller.getStyleClass().addAll("settings-scroller", Tweaks.EDGE_TO_EDGE);
    StackPane content = new StackPane(scroller);
    content.getStyleClass().add("settings-content");

    setTop(header);
    setLeft(list);
    setCenter(content);
  }

  public List<SettingsPage> pages() {
    return pages;
  }

  /**
   * Shows the page of this type, or with null the page shown last (the first page the first time), with its
   * values read again, and puts the keyboard on the list.
   */
  public void open(Class<? extends SettingsPage> type) {
    SettingsPage page = type == null ? current : pages.stream().filter(type::isInstance).findFirst().orElse(null);
    if (page == null) {
      page = pages.get(0);
    }
    if (page == current) {
      current.shown();
    } else {
      list.getSelectionModel().select(page);
    }
    list.requestFocus();
  }

  /** Settings goes away: the page on screen keeps what was typed. */
  public void leave() {
    if (current != null) {
      current.leaving();
    }
  }

  /** The window closes: every page stops what it runs in the background. */
  public void close() {
    pages.forEach(SettingsPage::close);
  }

  /** The page on screen, or null. */
  public SettingsPage current() {
    return current;
  }

  private void show(SettingsPage page) {
    if (page == null || page == current) {
      return;
    }
    if (current != null) {
      current.leaving();
    }
    current = page;
    scroller.setContent(page.view());
    scroller.setVvalue(0);
    page.shown();
  }

  /** A page in the list: its icon and name. */
  private static final class PageCell extends ListCell<SettingsPage> {
    @Override
    protected void updateItem(SettingsPage page, boolean empty) {
      super.updateItem(page, empty);
      if (empty || page == null) {
        setText(null);
        setGraphic(null);
        setAccessibleText(null);
      } else {
        setText(page.title());
        setGraphic(new FontIcon(page.icon()));
        setAccessibleText(page.title());
      }
    }
  }
}
