package dev.pith.app.ui.sidebar;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;

/**
 * Moves the sidebar list's selection by keyboard so that it never rests on a header, and scrolls only as far as needed.
 *
 * <p>Up, Down, Home and End are handled here (the list's own handling would land on headers); anything else that
 * selects a header, such as Page Down, is corrected by moving on to the nearest row in the same direction.
 */
final class ListNavigation {
  private final ListView<SidebarItem> list;

  ListNavigation(ListView<SidebarItem> list) {
    this.list = list;
    list.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> skipHeader(old.intValue(),
        now.intValue()));
  }

  /** Handles a navigation key; true if it did, and the event should be consumed. */
  boolean handle(KeyEvent e) {
    if (e.isShortcutDown() || e.isAltDown() || e.isShiftDown()) {
      return false;
    }
    int current = list.getSelectionModel().getSelectedIndex();
    int target;
    switch (e.getCode()) {
      case DOWN -> target = current < 0 ? firstSelectable() : nearest(current + 1, 1);
      case UP -> target = current < 0 ? lastSelectable() : nearest(current - 1, -1);
      case HOME -> target = firstSelectable();
      case END -> target = lastSelectable();
      default -> {
        return false;
      }
    }
    if (target >= 0) {
      selectAndReveal(target);
    }
    return true;
  }

  /** Selects {@code index} (ignored if out of range) and scrolls just enough to show it and a header above it. */
  void selectAndReveal(int index) {
    if (index < 0 || index >= list.getItems().size()) {
      return;
    }
    list.getSelectionModel().select(index);
    list.getFocusModel().focus(index);
    VirtualFlow<?> flow = flow();
    if (flow == null) {
      list.scrollTo(index);
      return;
    }
    if (index > 0 && !list.getItems().get(index - 1).selectable()) {
      flow.scrollTo(index - 1);
    }
    flow.scrollTo(index);
  }

  /** The selectable index nearest {@code index}, looking down first, then up; -1 if there is none. */
  int nearestSelectable(int index) {
    int below = nearest(Math.max(index, 0), 1);
    return below >= 0 ? below : nearest(index, -1);
  }

  int firstSelectable() {
    return nearest(0, 1);
  }

  int lastSelectable() {
    return nearest(list.getItems().size() - 1, -1);
  }

  /** The on-screen cell showing {@code index}, or null if it is scrolled away (or only being measured). */
  Node visibleCell(int index) {
    if (index < 0) {
      return null;
    }
    for (Node node : list.lookupAll(".list-cell")) {
      if (node instanceof IndexedCell<?> cell && cell.getIndex() == index && cell.isVisible()
          && cell.getParent() != null && cell.getParent().isVisible()) {
        return cell;
      }
    }
    return null;
  }

  /** The first selectable index from {@code from} on in {@code step} direction, or -1. */
  private int nearest(int from, int step) {
    List<SidebarItem> items = list.getItems();
    for (int i = from; i >= 0 && i < items.size(); i += step) {
      if (items.get(i).selectable()) {
        return i;
      }
    }
    return -1;
  }

  private void skipHeader(int old, int now) {
    List<SidebarItem> items = list.getItems();
    if (now < 0 || now >= items.size() || items.get(now).selectable()) {
      return;
    }
    int step = now >= old ? 1 : -1;
    int target = nearest(now, step);
    if (target < 0) {
      target = nearest(now, -step);
    }
    if (target >= 0) {
      list.getSelectionModel().select(target);
    } else {
      list.getSelectionModel().clearSelection();
    }
  }

  private VirtualFlow<?> flow() {
    return list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
  }
}
