package dev.pith.app.ui;

import atlantafx.base.theme.Styles;
import dev.pith.app.cloud.Escalation;
import dev.pith.app.kiosk.AdminPins;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.ui.chat.ChatController;
import dev.pith.app.ui.chat.ChatPane;
import dev.pith.app.ui.chat.ModelState;
import dev.pith.app.ui.chat.ThreadItem;
import dev.pith.app.ui.cloud.CloudAsk;
import dev.pith.app.ui.kiosk.KioskShell;
import dev.pith.app.ui.sidebar.Sidebar;
import dev.pith.app.ui.sidebar.SidebarActions;
import dev.pith.app.ui.speech.ReadAloud;
import dev.pith.app.ui.stats.StatsView;
import dev.pith.app.ui.status.ProcessMemory;
import dev.pith.app.ui.status.StatusBar;
import dev.pith.app.ui.settings.BackendPrefs;
import dev.pith.app.ui.settings.GenerationPage;
import dev.pith.app.ui.settings.ModelsPage;
import dev.pith.app.ui.settings.SaveStatus;
import dev.pith.app.ui.settings.SettingsContext;
import dev.pith.app.ui.settings.SettingsPage;
import dev.pith.app.ui.settings.SettingsStore;
import dev.pith.app.ui.settings.SettingsView;
import dev.pith.app.ui.theme.Appearance;
import dev.pith.app.ui.theme.ThemeService;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.cloud.CloudTimeouts;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.storage.Database;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.Role;
import dev.pith.storage.model.SearchHit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Pith window: the sidebar of conversations, the chat, and the status bar, with the keyboard shortcuts
 * and the appearance. It restores where it was and which conversation was open.
 *
 * <p>In kiosk mode ({@link AppContext#kiosk()}) a {@link KioskShell} runs it instead: full screen, a fresh
 * conversation every visit, and neither the sidebar nor Settings, the theme and text-size controls, nor the
 * shortcuts to them; nothing of where the window was is restored or saved.
 */
public final class ChatWindow {
  public static final String SIDEBAR_TOGGLE_ID = "sidebar-toggle";
  public static final String THEME_TOGGLE_ID = "theme-toggle";
  /** Below this width the sidebar folds away (the Pi's 800×480 display keeps the chat readable). */
  static final double NARROW = 760;

  private final Stage stage;
  private final AppContext context;
  private final StartState start;
  private final UiSettings settings;
  private final ThemeService theme;
  private final SettingsStore store;
  private final ChatController controller;
  private final Consumer<String> linkOpener;
  private final KioskMode kiosk;
  private final AdminPins pins;
  /** Runs the window as a kiosk; null in a normal window. */
  private final KioskShell kioskShell;
  private final ScheduledExecutorService sampler = UiThreads.scheduled("pith-sampler");
  private final Optional<ReadAloud> speech;
  private final Sidebar sidebar;
  private final ChatPane chat;
  private final StatusBar status;
  private final UndoToast undo;
  /** "Ask the cloud"; null in kiosk mode, which offers no trace of it. */
  private final CloudAsk cloud;
  private final SaveStatus saves = new SaveStatus(Platform::runLater);
  private final BorderPane root = new BorderPane();
  /** The scene's root: the window, and in kiosk mode the PIN pad over it. */
  private final StackPane frame = new StackPane(root);
  /** The sidebar and the chat; hidden (so neither drawn nor reached by Tab) while Settings shows. */
  private final BorderPane body = new BorderPane();
  /** The body, and Settings over it when open; the status bar stays under both. */
  private final StackPane layers = new StackPane(body);
  /** Built when Settings first opens. */
  private SettingsView settingsView;
  /** Built when Stats first opens; shown like Settings, in its place. */
  private StatsView statsView;
  private boolean sidebarShown = true;
  /** Whether the window was narrow at the last width change; null before the first. */
  private Boolean wasNarrow;
  private boolean closed;

  /** The settings read before the window opens, off the FX thread. */
  public record StartState(Appearance appearance, WindowState window, SettingsStore settings) {
    public static StartState read(Database db) {
      UiSettings ui = new UiSettings(db);
      return new StartState(ui.appearance(), ui.window(), SettingsStore.open(db));
    }
  }

  private ChatWindow(Stage stage, AppContext context, StartState start, Consumer<String> linkOpener) {
    this.stage = stage;
    this.context = context;
    this.start = start;
    this.settings = new UiSettings(context.db());
    this.theme = new ThemeService(start.appearance());
    this.store = start.settings();
    this.controller = new ChatController(context.db(), context.backends(), context.clock(), Platform::runLater,
        store, context.power());
    this.linkOpener = linkOpener;
    this.kiosk = context.kiosk();
    this.pins = new AdminPins(context.db());
    this.speech = ReadAloud.find(context.environment());
    this.sidebar = new Sidebar(new SidebarBridge(), context.clock(), context.zone());
    // A kiosk's visitors follow no link out of Pith: the link shows its address (a tooltip) and opens nothing.
    this.chat = new ChatPane(controller, context.modelsDir(), kiosk.allowsLinks() ? linkOpener : url -> { },
        speech.<Consumer<String>>map(s -> s::speak).orElse(null));
    this.status = new StatusBar(context.power(), ProcessMemory.ofThisProcess(), sampler);
    if (kiosk.allowsSettings()) {
      status.setOnOpenStats(this::openStats); // the power chart's "Open statistics"; a kiosk offers no Stats page
    }
    this.undo = new UndoToast();
    if (kiosk.allowsCloud()) {
      Escalation escalation = new Escalation(context.db(), kiosk, context.apiKeys(), CloudTimeouts.DEFAULT,
          Locale.getDefault());
      this.cloud = new CloudAsk(context.db(), escalation, controller, new CloudAsk.Overlay() {
        @Override
        public void show(javafx.scene.Node dialog) {
          root.setDisable(true); // nothing under the preview is reached, by pointer or Tab
          frame.getChildren().add(dialog);
        }

        @Override
        public void hide(javafx.scene.Node dialog) {
          frame.getChildren().remove(dialog);
          root.setDisable(false);
          chat.focusInput();
        }
      });
      chat.cloud(cloud);
    } else {
      this.cloud = null;
    }
    this.kioskShell = kiosk.on() ? new KioskShell(new KioskShell.Host(stage, frame, chat, controller, theme,
        this::newChat, this::openSettings), kiosk, pins, context.exit()) : null;
  }

  /** Builds the window on {@code stage}, shows it, and starts loading the model and the conversations. */
  public static ChatWindow show(Stage stage, AppContext context, StartState start, Consumer<String> linkOpener) {
    ChatWindow window = new ChatWindow(stage, context, start, linkOpener);
    window.createView();
    window.initListeners();
    window.restore();
    return window;
  }

  public ChatController controller() {
    return controller;
  }

  public ThemeService theme() {
    return theme;
  }

  private void createView() {
    frame.getStyleClass().add("pith-root");
    Button toggle = new Button(null, new FontIcon(Feather.SIDEBAR));
    toggle.setId(SIDEBAR_TOGGLE_ID);
    toggle.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    toggle.setAccessibleText("Show or hide the conversations (Ctrl+B)");
    toggle.setTooltip(new javafx.scene.control.Tooltip("Conversations (Ctrl+B)"));
    toggle.setOnAction(e -> showSidebar(!sidebarShown));
    body.setLeft(kiosk.allowsHistory() ? sidebar : null);
    body.setCenter(new StackPane(chat, undo));
    root.setCenter(layers);
    root.setBottom(status);
    if (kioskShell == null) {
      chat.addToHeader(true, toggle);
      chat.addToHeader(false, themeButton(), settingsButton());
      chat.onChooseModel(() -> openSettings(ModelsPage.class));
    }
    Scene scene = new Scene(frame, start.window().width(), start.window().height());
    theme.attach(scene);
    stage.setScene(scene);
    if (kioskShell != null) {
      kioskShell.install();
    }
    stage.setTitle("Pith");
    stage.setMinWidth(WindowState.MIN_WIDTH);
    stage.setMinHeight(WindowState.MIN_HEIGHT);
  }

  private void initListeners() {
    Scene scene = stage.getScene();
    shortcut(scene, new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newChat);
    shortcut(scene, new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
        chat::copyLastAnswer);
    if (kiosk.allowsHistory()) {
      shortcut(scene, new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::search);
      shortcut(scene, new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), () -> {
        closeSettings();
        showSidebar(!sidebarShown);
      });
    }
    if (kiosk.allowsSettings()) {
      shortcut(scene, new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), () -> {
        if (settingsShown()) {
          closeSettings();
        } else {
          openSettings();
        }
      });
      shortcut(scene, new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
          () -> {
            if (statsShown()) {
              closeStats();
            } else {
              openStats();
            }
          });
      // The text size is an appearance setting too: a kiosk keeps the size staff chose for the next visitor.
      shortcut(scene, new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), () -> theme.zoom(1));
      shortcut(scene, new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), () -> theme.zoom(1));
      shortcut(scene, new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), () -> theme.zoom(1));
      shortcut(scene, new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), () -> theme.zoom(-1));
      shortcut(scene, new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN), () -> theme.zoom(-1));
      shortcut(scene, new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), () -> theme.zoom(0));
    }
    // Esc leaves Settings; in the chat it stops an answer wherever the focus is, and when no answer runs it is
    // left to the focused control. (A key the kiosk's PIN pad took is consumed already.)
    scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      if (e.isConsumed()) {
        return;
      } else if (e.getCode() == KeyCode.ESCAPE && settingsShown()) {
        closeSettings();
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE && statsShown()) {
        closeStats();
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE && controller.busyProperty().get()) {
        controller.stop();
        e.consume();
      }
    });
    theme.appearanceProperty().addListener((o, before, now) -> settings.save(now));

    controller.conversations().addListener((ListChangeListener<Conversation>) c ->
        sidebar.setConversations(List.copyOf(controller.conversations())));
    controller.openProperty().addListener((o, before, now) -> sidebar.select(now == null ? null : now.id()));
    controller.modelProperty().addListener((o, before, now) -> showModel(now));
    controller.backendNoteProperty().addListener((o, before, now) -> showModel(controller.modelProperty().get()));
    controller.liveProperty().addListener((o, before, now) -> {
      List<ThreadItem> items = controller.thread();
      boolean fromCloud = !items.isEmpty() && Escalation.BACKEND.equals(items.get(items.size() - 1).message().backend());
      if (now != null && !fromCloud) { // the status bar's speed and context are the local model's
        status.answerStarted(now.startNanos());
        now.tokensProperty().addListener((p, b, tokens) -> status.tokens(tokens.intValue(), System.nanoTime()));
      }
    });
    controller.lastStatsProperty().addListener((o, before, now) -> showStats(now));
    if (cloud != null) {
      // an answer just stored joins its model's history, which the hints compare with
      controller.busyProperty().addListener((o, before, now) -> {
        if (!now) {
          cloud.refresh();
        }
      });
    }
    controller.thread().addListener((ListChangeListener<ThreadItem>) c -> showContextOfThread());
    // The sidebar folds away when the window becomes narrow and comes back when it widens; in between, Ctrl+B
    // and the toggle decide.
    root.widthProperty().addListener((o, before, now) -> {
      if (now.doubleValue() <= 0 || !kiosk.allowsHistory()) {
        return;
      }
      boolean narrow = now.doubleValue() < NARROW;
      if (wasNarrow == null || narrow != wasNarrow) {
        wasNarrow = narrow;
        showSidebar(!narrow);
      }
    });
    if (kioskShell == null) {
      stage.setOnCloseRequest(e -> close());
    }
  }

  private void restore() {
    if (kioskShell != null) {
      // Full screen, a new conversation: nothing of the last visit, nor of the normal window's place.
      kioskShell.prepare(stage);
      showModel(ModelState.NONE);
      stage.show();
      context.model().ifPresent(dir -> controller.loadModel(dir, store.backend().cpuOptions(context.cpu())));
      chat.focusInput();
      return;
    }
    WindowState w = start.window();
    stage.setWidth(w.width());
    stage.setHeight(w.height());
    if (w.hasPosition() && !Screen.getScreensForRectangle(new Rectangle2D(w.x(), w.y(), 64, 64)).isEmpty()) {
      stage.setX(w.x());
      stage.setY(w.y());
    } else {
      stage.centerOnScreen();
    }
    stage.setMaximized(w.maximized());
    showModel(ModelState.NONE);
    stage.show();
    if (cloud != null) {
      cloud.refresh();
    }
    controller.refreshConversations();
    if (w.conversation() != null) {
      controller.open(w.conversation());
    }
    context.model().ifPresent(dir -> controller.loadModel(dir, store.backend().cpuOptions(context.cpu())));
    chat.focusInput();
  }

  /** Saves where the window is and what it shows, and stops the model and samplers. Safe to call twice. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (settingsShown()) {
      settingsView.leave(); // what was typed is saved before the database closes
    }
    if (settingsView != null) {
      settingsView.close(); // downloads stop; what they downloaded is kept for resuming
    }
    if (statsView != null) {
      statsView.leave(); // the prices typed are saved before the database closes
      statsView.close();
    }
    if (kioskShell != null) {
      kioskShell.close(); // the normal window's place stays as it was, and no visitor's conversation reopens
    } else {
      Conversation open = controller.openProperty().get();
      settings.save(new WindowState(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
          stage.isMaximized(), open == null ? null : open.id()));
    }
    undo.dismiss();
    speech.ifPresent(ReadAloud::stop);
    controller.close();
    status.close();
    sampler.shutdownNow();
    pins.close();
  }

  private void showModel(ModelState model) {
    if (model.isReady()) {
      status.setModel(model.backend().id(), model.name(), model.backend().model().contextLength(),
          controller.backendNoteProperty().get());
    } else {
      status.clearModel();
    }
  }

  private void showStats(GenerationStats stats) {
    if (stats != null) {
      status.answerFinished(stats.promptTokens(), stats.generatedTokens(), stats.ttftMillis(),
          stats.decodeTokensPerSecond());
      status.setContextUsed(stats.promptTokens() + stats.generatedTokens());
    }
  }

  /** The context the thread on screen fills: what its newest stored answer read and wrote. */
  private void showContextOfThread() {
    List<ThreadItem> items = controller.thread();
    for (int i = items.size() - 1; i >= 0; i--) {
      ThreadItem item = items.get(i);
      MessageMetrics m = item.message().metrics();
      if (item.message().role() == Role.ASSISTANT && m.promptTokens() != null && m.generatedTokens() != null) {
        status.setContextUsed(m.promptTokens() + m.generatedTokens());
        return;
      }
    }
    if (items.isEmpty()) {
      status.setContextUsed(0);
    }
  }

  private void newChat() {
    closeSettings();
    controller.newChat();
    chat.focusInput();
  }

  private void search() {
    closeSettings();
    showSidebar(true);
    sidebar.focusSearch();
  }

  private void showSidebar(boolean show) {
    sidebarShown = show && kiosk.allowsHistory();
    body.setLeft(sidebarShown ? sidebar : null);
  }

  /** Whether Settings is on screen. */
  public boolean settingsShown() {
    return settingsView != null && settingsView.getParent() != null;
  }

  /** Shows Settings over the sidebar and the chat: Generation the first time, then the page shown last. */
  public void openSettings() {
    openSettings(null);
  }

  /** Shows Settings at the page of type {@code page}; null: as {@link #openSettings()}. */
  public void openSettings(Class<? extends SettingsPage> page) {
    closeStats();
    boolean first = settingsView == null;
    if (first) {
      settingsView = new SettingsView(new SettingsContext(context, store, controller, theme, linkOpener,
          this::applyBackend, saves, pins, this::applyKiosk), this::closeSettings);
    }
    if (!settingsShown()) {
      body.setVisible(false);
      layers.getChildren().add(settingsView);
    }
    settingsView.open(page != null ? page : first ? GenerationPage.class : null);
  }

  /** Back to the chat (from Stats too); what was typed in Settings and is valid is saved. */
  public void closeSettings() {
    closeStats();
    if (!settingsShown()) {
      return;
    }
    settingsView.leave();
    layers.getChildren().remove(settingsView);
    body.setVisible(true);
    if (cloud != null) {
      cloud.refresh(); // Settings → Privacy may have turned the cloud on or off
    }
    chat.focusInput();
  }

  /** "Ask the cloud"; empty in kiosk mode. */
  public Optional<CloudAsk> cloud() {
    return Optional.ofNullable(cloud);
  }

  /** Whether Stats is on screen. */
  public boolean statsShown() {
    return statsView != null && statsView.getParent() != null;
  }

  /** Shows Stats (the user's own benchmark) over the sidebar and the chat, read afresh; not in kiosk mode. */
  public void openStats() {
    if (!kiosk.allowsSettings()) {
      return;
    }
    closeSettings();
    if (statsView == null) {
      statsView = new StatsView(context.db(), context.clock(), context.zone(), kiosk.allowsExport(), this::closeStats);
    }
    if (!statsShown()) {
      body.setVisible(false);
      layers.getChildren().add(statsView);
    }
    statsView.open();
  }

  /** Back to the chat from Stats; the prices typed there and valid are saved. */
  public void closeStats() {
    if (!statsShown()) {
      return;
    }
    statsView.leave();
    layers.getChildren().remove(statsView);
    body.setVisible(true);
    chat.focusInput();
  }

  /**
   * Keeps new backend settings, and loads the model again when they change where or how it runs (the backend,
   * threads, context length); the conversation on screen stays.
   */
  private void applyBackend(BackendPrefs next) {
    BackendPrefs before = store.backend();
    if (next.equals(before)) {
      return;
    }
    saves.track(store.saveBackend(next));
    CpuBackendOptions now = next.cpuOptions(context.cpu());
    if (next.backend() != before.backend() || !now.equals(before.cpuOptions(context.cpu()))) {
      controller.reloadModel(now);
    }
  }

  /** Settings → Kiosk changed the kiosk settings: a running kiosk follows its idle time and policy at once. */
  private void applyKiosk(KioskSettings next) {
    if (kioskShell != null) {
      kioskShell.apply(next);
    }
  }

  /** What runs the window as a kiosk (its staff door, its settings); null in a normal window. */
  public KioskShell kiosk() {
    return kioskShell;
  }

  private Button themeButton() {
    Button b = new Button();
    b.setId(THEME_TOGGLE_ID);
    b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    Runnable show = () -> {
      boolean dark = theme.appearance().dark();
      b.setGraphic(new FontIcon(dark ? Feather.SUN : Feather.MOON));
      b.setAccessibleText(dark ? "Switch to the light theme" : "Switch to the dark theme");
      b.setTooltip(new javafx.scene.control.Tooltip(b.getAccessibleText()));
    };
    show.run();
    theme.appearanceProperty().addListener((o, before, now) -> show.run());
    b.setOnAction(e -> theme.toggleDark());
    return b;
  }

  private Button settingsButton() {
    Button b = new Button(null, new FontIcon(Feather.SETTINGS));
    b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    b.setAccessibleText("Settings (Ctrl+,)");
    b.setTooltip(new javafx.scene.control.Tooltip("Settings (Ctrl+,)"));
    b.setOnAction(e -> openSettings());
    return b;
  }

  private static void shortcut(Scene scene, KeyCombination keys, Runnable action) {
    scene.getAccelerators().put(keys, action);
  }

  /** The sidebar's requests, carried out by the controller; deleting offers Undo for a few seconds. */
  private final class SidebarBridge implements SidebarActions {
    @Override
    public void newChat() {
      ChatWindow.this.newChat();
    }

    @Override
    public void open(UUID conversationId) {
      controller.open(conversationId);
      if (Boolean.TRUE.equals(wasNarrow)) {
        showSidebar(false);
      }
    }

    @Override
    public void openMessage(UUID conversationId, UUID messageId) {
      controller.openMessage(conversationId, messageId);
    }

    @Override
    public void rename(UUID conversationId, String title) {
      controller.rename(conversationId, title);
    }

    @Override
    public void setPinned(UUID conversationId, boolean pinned) {
      controller.setPinned(conversationId, pinned);
    }

    @Override
    public void delete(UUID conversationId) {
      String title = controller.conversations().stream().filter(c -> c.id().equals(conversationId))
          .map(Conversation::title).findFirst().orElse("");
      controller.delete(conversationId);
      undo.offer("Deleted “" + (title.isBlank() ? "Untitled chat" : title) + "”",
          () -> controller.undoDelete(conversationId), () -> controller.commitDelete(conversationId));
    }

    @Override
    public CompletableFuture<List<SearchHit>> search(String text) {
      return controller.search(text, Sidebar.MARK_OPEN, Sidebar.MARK_CLOSE);
    }

    @Override
    public void openSettings() {
      ChatWindow.this.openSettings();
    }
  }
}
