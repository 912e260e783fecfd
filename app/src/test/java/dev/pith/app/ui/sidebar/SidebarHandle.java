package dev.pith.app.ui.sidebar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The sidebar as a test sees it: what is on screen, read on the FX thread, and a wait without sleeps. */
final class SidebarHandle {
  static final String SEARCH_FIELD = ".search-field";
  static final String LIST = ".conversation-list";
  static final String RENAME_FIELD = ".rename-field";

  private final FxRobot robot;
  private final Sidebar sidebar;

  SidebarHandle(FxRobot robot, Sidebar sidebar) {
    this.robot = robot;
    this.sidebar = sidebar;
  }

  /** The lines on screen, top to bottom: a header's label, a row's title, or a hit's "title: snippet". */
  List<String> shownLines() {
    return fx(() -> visibleCells().stream().map(SidebarHandle::line).collect(Collectors.toList()));
  }

  /** The on-screen cell whose row or hit title is {@code title}. */
  ListCell<?> cell(String title) {
    return fx(() -> visibleCells().stream()
        .filter(c -> title(c) instanceof Label l && l.getText().equals(title))
        .findFirst().orElseThrow(() -> new AssertionError("no cell titled " + title + " in " + shownLines())));
  }

  /** The on-screen header cell labelled {@code label}. */
  ListCell<?> header(String label) {
    return fx(() -> visibleCells().stream()
        .filter(c -> c.getGraphic() == null && label.equals(c.getText()))
        .findFirst().orElseThrow(() -> new AssertionError("no header " + label + " in " + shownLines())));
  }

  boolean has(ListCell<?> cell, String pseudoClass) {
    return fx(() -> cell.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass)));
  }

  /** Text parts of a hit's snippet, bold ones as [word]. */
  String snippet(String hitTitle) {
    // Found and read in one visit to the FX thread: between two visits the list may reuse the cell.
    return fx(() -> {
      ListCell<?> cell = visibleCells().stream()
          .filter(c -> title(c) instanceof Label l && l.getText().equals(hitTitle))
          .findFirst().orElseThrow(() -> new AssertionError("no hit titled " + hitTitle));
      TextFlow flow = (TextFlow) cell.getGraphic().lookup(".snippet");
      StringBuilder out = new StringBuilder();
      for (Node node : flow.getChildren()) {
        Text text = (Text) node;
        out.append(isBold(text.getFont()) ? "[" + text.getText() + "]" : text.getText());
      }
      return out.toString();
    });
  }

  String placeholder() {
    return fx(() -> {
      ListView<?> list = list();
      return list.getItems().isEmpty() && list.getPlaceholder() instanceof Label l ? l.getText() : null;
    });
  }

  TextField searchField() {
    return robot.lookup(SEARCH_FIELD).queryAs(TextField.class);
  }

  ListView<?> list() {
    return robot.lookup(LIST).queryAs(ListView.class);
  }

  Node focusOwner() {
    return fx(() -> sidebar.getScene().getFocusOwner());
  }

  /** Waits until {@code condition}, checked on the FX thread, holds; fails after five seconds. */
  void waitUntil(String what, BooleanSupplier condition) {
    try {
      WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
    } catch (Exception e) {
      throw new AssertionError("waited in vain for " + what + "; shown: " + shownLines(), e);
    }
    assertTrue(fx(condition::getAsBoolean), what);
  }

  /** Runs {@code task} on the FX thread (at once if already there) and returns its result. */
  static <T> T fx(Callable<T> task) {
    try {
      if (Platform.isFxApplicationThread()) {
        return task.call();
      }
      return WaitForAsyncUtils.asyncFx(task).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isBold(Font font) {
    return font.getStyle().toLowerCase(Locale.ROOT).contains("bold");
  }

  private static Node title(ListCell<?> cell) {
    if (cell.getGraphic() == null) {
      return null;
    }
    Node title = cell.getGraphic().lookup(".title");
    return title != null ? title : cell.getGraphic().lookup(".hit-title");
  }

  private List<ListCell<?>> visibleCells() {
    return robot.lookup(LIST + " .list-cell").queryAllAs(ListCell.class).stream()
        .filter(c -> c.isVisible() && c.getParent() != null && c.getParent().isVisible() && !c.isEmpty())
        .filter(c -> c.getLayoutY() + c.getHeight() > 0 && c.getLayoutY() < list().getHeight())
        .sorted(Comparator.comparingInt(ListCell::getIndex))
        .map(c -> (ListCell<?>) c)
        .collect(Collectors.toList());
  }

  private static String line(ListCell<?> cell) {
    if (cell.getGraphic() == null) {
      return cell.getText();
    }
    if (cell.getGraphic() instanceof TextField field) {
      return "<rename: " + field.getText() + ">";
    }
    Node snippet = cell.getGraphic().lookup(".snippet");
    String line = ((Label) title(cell)).getText();
    if (snippet instanceof TextFlow flow) {
      line += ": " + flow.getChildren().stream().map(n -> ((Text) n).getText()).collect(Collectors.joining());
    }
    return line;
  }
}
