package dev.pith.app.ui.sidebar;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.SearchHit;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The conversation sidebar: a New chat button, a search field, one virtualized list that shows either the
 * conversations under day headers or the messages matching the search, and the Settings entry at its foot.
 *
 * <p>The sidebar owns no data. It shows what {@link #setConversations} and {@link #select} give it and turns every
 * gesture into a call on {@link SidebarActions}; the window answers by calling back with the new state. Keyboard: Tab
 * reaches the button, the field, the list and Settings; Down moves from the field into the list; in the list
 * Up/Down/Home/End skip headers, Enter opens, F2 renames, Delete deletes, the menu key or Shift+F10 opens the row
 * menu; Esc clears the search. FX thread only.
 */
public final class Sidebar extends VBox {
  /** Start and end of a matched part in {@link SearchHit#snippet()}: private-use characters no one types. */
  public static final String MARK_OPEN = "\uE000";
  public static final String MARK_CLOSE = "\uE001";
  /** How long typing must pause before a search runs. */
  static final Duration SEARCH_DELAY = Duration.millis(200);

  private final SidebarActions actions;
  private final Clock clock;
  private final ZoneId zone;
  /** The Settings entry's id. */
  public static final String SETTINGS_ID = "sidebar-settings";

  private final Button newChat = new Button("New chat", new FontIcon(Feather.EDIT));
  private final Button settings = new Button("Settings", new FontIcon(Feather.SETTINGS));
  private final CustomTextField searchField = new CustomTextField();
  private final Button clearSearch = new Button(null, new FontIcon(Feather.X));
  private final Label placeholder = new Label();
  private final ListView<SidebarItem> list = new ListView<>();
  private final ObjectProperty<UUID> open = new SimpleObjectProperty<>(this, "open");
  private final Renamer renamer;
  private final ConversationMenu menu;
  private final SearchRunner search;
  private final ListNavigation navigation;
  private Map<UUID, Conversation> conversations = Map.of();
  private List<SidebarItem> browseItems = List.of();
  private boolean searching;

  public Sidebar(SidebarActions actions, Clock clock, ZoneId zone) {
    this.actions = Objects.requireNonNull(actions, "actions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.renamer = new Renamer(actions::rename, this::focusListAfterRename);
    this.menu = new ConversationMenu(actions, c -> startRename(c.id()));
    this.search = new SearchRunner(actions::search, SEARCH_DELAY, new SearchView());
    this.navigation = new ListNavigation(list);
    createView();
    initListeners();
  }

  private void createView() {
    getStyleClass().add("sidebar");
    getStylesheets().add(Objects.requireNonNull(Sidebar.class.getResource("sidebar.css")).toExternalForm());
    setPrefWidth(240);
    setMinWidth(180);

    newChat.getStyleClass().add("new-chat");
    newChat.setMaxWidth(Double.MAX_VALUE);
    newChat.setMnemonicParsing(false);

    FontIcon searchIcon = new FontIcon(Feather.SEARCH);
    searchIcon.getStyleClass().add("search-icon");
    clearSearch.getStyleClass().addAll("clear-search", Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
    clearSearch.setAccessibleText("Clear search");
    clearSearch.setTooltip(new Tooltip("Clear search (Esc)"));
    clearSearch.setFocusTraversable(false); // Esc in the field does the same
    clearSearch.setCursor(Cursor.DEFAULT);
    searchField.getStyleClass().add("search-field");
    searchField.setPromptText("Search");
    searchField.setAccessibleText("Search messages");
    searchField.setLeft(searchIcon);
    searchField.setRight(clearSearch);

    placeholder.getStyleClass().add("placeholder-message");
    placeholder.setWrapText(true); // a failure's reason is one line of text, but may not fit one line of sidebar
    list.getStyleClass().addAll("conversation-list", "rounded-rows", Tweaks.EDGE_TO_EDGE);
    list.setPlaceholder(placeholder);
    list.setAccessibleText("Conversations");
    list.setCellFactory(view -> new SidebarCell(new CellHost()));
    VBox.setVgrow(list, Priority.ALWAYS);

    settings.setId(SETTINGS_ID);
    settings.getStyleClass().addAll("settings-entry", Styles.FLAT);
    settings.setMaxWidth(Double.MAX_VALUE);
    settings.setMnemonicParsing(false);
    settings.setAccessibleText("Settings (Ctrl+,)");
    settings.setTooltip(new Tooltip("Models, answers, backend, appearance, privacy (Ctrl+,)"));

    getChildren().setAll(newChat, searchField, list, settings);
    updatePlaceholder("No conversations yet");
  }

  private void initListeners() {
    newChat.setOnAction(e -> actions.newChat());
    settings.setOnAction(e -> actions.openSettings());
    clearSearch.setOnAction(e -> {
      searchField.clear();
      searchField.requestFocus();
    });
    clearSearch.visibleProperty().bind(Bindings.createBooleanBinding(
        () -> !searchField.getText().isEmpty(), searchField.textProperty()));
    searchField.textProperty().addListener((obs, old, text) -> onSearchText(text));
    searchField.addEventFilter(KeyEvent.KEY_PRESSED, this::onSearchFieldKey);
    list.addEventHandler(KeyEvent.KEY_PRESSED, this::onListKey);
    list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (renamer.targetProperty().get() == null && navigation.handle(e)) {
        e.consume();
      }
    });
  }

  /**
   * Shows these conversations (any order in; shown pinned first, then by updated, newest first), grouped by the day
   * the clock shows at this call: headers move on (Today to Yesterday) only when this is called again. Keeps the selected row selected, or when it is gone (deleted) selects the row that took its place, so Delete can
   * be pressed again; keeps a rename in progress if its conversation is still there. FX thread.
   */
  public void setConversations(List<Conversation> conversations) {
    Map<UUID, Conversation> byId = new HashMap<>();
    List<SidebarItem> items = new ArrayList<>(conversations.size() + DayGroups.Group.values().length);
    for (DayGroups.Section section : DayGroups.now(clock, zone).sections(conversations)) {
      items.add(new SidebarItem.Header(section.group()));
      for (Conversation conversation : section.conversations()) {
        items.add(new SidebarItem.Row(conversation));
        byId.put(conversation.id(), conversation);
      }
    }
    this.conversations = byId;
    this.browseItems = List.copyOf(items);
    UUID renaming = renamer.targetProperty().get();
    if (renaming != null && !byId.containsKey(renaming)) {
      renamer.cancel();
    }
    if (!searching) {
      UUID selected = selectedConversation();
      int index = list.getSelectionModel().getSelectedIndex();
      list.getItems().setAll(browseItems);
      if (selected != null && byId.containsKey(selected)) {
        navigation.selectAndReveal(indexOf(selected));
      } else if (selected != null) {
        navigation.selectAndReveal(navigation.nearestSelectable(Math.min(index, items.size() - 1)));
      } else {
        selectOrClear(open.get());
      }
    }
  }

  /** Marks the open conversation (null: none) and moves the list's selection to it. Does not call actions.open. */
  public void select(UUID conversationId) {
    open.set(conversationId);
    if (!searching && conversationId != null) {
      navigation.selectAndReveal(indexOf(conversationId));
    }
  }

  /** Puts the caret in the search field with its text selected, so typing replaces the last search. */
  public void focusSearch() {
    searchField.requestFocus();
    searchField.selectAll();
  }

  /** Starts the inline rename of a listed conversation; ends a search first so that its row can show. */
  public void startRename(UUID conversationId) {
    Conversation conversation = conversations.get(conversationId);
    if (conversation == null) {
      return;
    }
    menu.hide();
    if (searching) {
      searchField.clear();
    }
    renamer.start(conversation);
    int index = indexOf(conversationId);
    navigation.selectAndReveal(index);
    list.layout();
    SidebarCell cell = navigation.visibleCell(index) instanceof SidebarCell c ? c : null;
    if (cell != null && cell.editorIfRenaming() != null) {
      cell.editorIfRenaming().requestFocus();
      cell.editorIfRenaming().selectAll();
    }
  }

  /** Back to the list after Enter or Esc in the rename field; a click elsewhere keeps its new focus. */
  private void focusListAfterRename() {
    Node owner = getScene() == null ? null : getScene().getFocusOwner();
    if (owner == null || owner.getScene() == null || owner.getStyleClass().contains("rename-field")) {
      list.requestFocus();
    }
  }

  private void onSearchText(String text) {
    search.setQuery(text);
    if (!search.isActive() && searching) {
      searching = false;
      list.setAccessibleText("Conversations");
      showBrowseItems(open.get());
    }
  }

  private void onSearchFieldKey(KeyEvent e) {
    if (e.getCode() == KeyCode.ESCAPE && !searchField.getText().isEmpty()) {
      searchField.clear();
      e.consume();
    } else if (e.getCode() == KeyCode.DOWN && !list.getItems().isEmpty()) {
      list.requestFocus();
      if (list.getSelectionModel().isEmpty()) {
        navigation.selectAndReveal(navigation.firstSelectable());
      }
      e.consume();
    }
  }

  private void onListKey(KeyEvent e) {
    if (renamer.targetProperty().get() != null) {
      return; // keys typed into the rename field
    }
    SidebarItem item = list.getSelectionModel().getSelectedItem();
    KeyCode code = e.getCode();
    if (code == KeyCode.ESCAPE && searching) {
      searchField.clear();
      searchField.requestFocus();
    } else if (item == null) {
      return;
    } else if (code == KeyCode.ENTER) {
      activate(item);
    } else if (!(item instanceof SidebarItem.Row row)) {
      return;
    } else if (code == KeyCode.F2) {
      startRename(row.conversation().id());
    } else if (code == KeyCode.DELETE) {
      actions.delete(row.conversation().id());
    } else if (code == KeyCode.CONTEXT_MENU || (code == KeyCode.F10 && e.isShiftDown())) {
      Node cell = navigation.visibleCell(list.getSelectionModel().getSelectedIndex());
      menu.showBelow(row.conversation(), cell != null ? cell : list);
    } else {
      return;
    }
    e.consume();
  }

  private void activate(SidebarItem item) {
    if (item instanceof SidebarItem.Row row) {
      actions.open(row.conversation().id());
    } else if (item instanceof SidebarItem.Hit hit) {
      actions.openMessage(hit.hit().conversationId(), hit.hit().messageId());
    }
  }

  private void showBrowseItems(UUID keepSelected) {
    list.getItems().setAll(browseItems);
    updatePlaceholder("No conversations yet");
    selectOrClear(keepSelected);
  }

  private void selectOrClear(UUID conversationId) {
    int index = indexOf(conversationId);
    if (index >= 0) {
      navigation.selectAndReveal(index);
    } else {
      list.getSelectionModel().clearSelection();
    }
  }

  private void updatePlaceholder(String message) {
    placeholder.setText(message);
  }

  private UUID selectedConversation() {
    return list.getSelectionModel().getSelectedItem() instanceof SidebarItem.Row row ? row.conversation().id() : null;
  }

  private int indexOf(UUID conversationId) {
    if (conversationId == null) {
      return -1;
    }
    List<SidebarItem> items = list.getItems();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof SidebarItem.Row row && row.conversation().id().equals(conversationId)) {
        return i;
      }
    }
    return -1;
  }

  /** Puts search answers in the list; the runner has already dropped stale ones. */
  private final class SearchView implements SearchRunner.Listener {
    @Override
    public void searching() {
      if (!searching) {
        searching = true;
        renamer.cancel();
        list.setAccessibleText("Search results");
        list.getItems().clear();
      }
      if (list.getItems().isEmpty()) {
        updatePlaceholder("Searching…");
      }
    }

    @Override
    public void found(List<SearchHit> hits) {
      List<SidebarItem> items = new ArrayList<>(hits.size());
      hits.forEach(h -> items.add(new SidebarItem.Hit(h)));
      list.getItems().setAll(items);
      list.getSelectionModel().clearSelection();
      list.scrollTo(0);
      updatePlaceholder("No messages match");
    }

    @Override
    public void failed(String reason) {
      list.getItems().clear();
      updatePlaceholder("Search failed: " + reason);
    }
  }

  private final class CellHost implements SidebarCell.Host {
    @Override
    public ObservableValue<UUID> openConversation() {
      return open;
    }

    @Override
    public Renamer renamer() {
      return renamer;
    }

    @Override
    public void activate(SidebarItem item) {
      Sidebar.this.activate(item);
    }

    @Override
    public void showMenu(Conversation conversation, Node anchor, double screenX, double screenY) {
      menu.show(conversation, anchor, screenX, screenY);
    }
  }
}
