package dev.pith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.kiosk.AdminPin;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.app.ui.chat.ChatPane;
import dev.pith.app.ui.settings.ModelsPage;
import dev.pith.app.ui.settings.SettingsView;
import dev.pith.storage.Database;
import dev.pith.storage.dao.SettingsDao;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The application as {@code pith --data-dir DIR [--model DIR]} starts it: {@code init} opens the database,
 * {@code start} shows the window, {@code stop} saves its state and closes the database.
 */
class PithAppTest {
  @TempDir Path dir;
  private Application app;

  @BeforeEach
  void registerStage() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void stopApp() throws Exception {
    if (app != null) {
      FxToolkit.cleanupApplication(app);
    }
    // The application ran on TestFX's shared primary stage: put it back where other window tests expect it
    // (headless Monocle delivers clicks as if the window were at the screen's corner).
    FxToolkit.setupStage(stage -> {
      stage.setX(0);
      stage.setY(0);
    });
  }

  private Stage launch(String... args) throws Exception {
    app = FxToolkit.setupApplication(PithApp.class, args);
    WaitForAsyncUtils.waitForFxEvents();
    return FxToolkit.toolkitContext().getRegisteredStage();
  }

  @Test
  void withoutAModelTheWindowSaysWhatToDo() throws Exception {
    Stage stage = launch("--" + PithApp.DATA_DIR + "=" + dir);
    FxRobot robot = new FxRobot();
    assertEquals("Pith", stage.getTitle());
    assertTrue(stage.isShowing());
    Label title = robot.lookup(".empty-title").queryAs(Label.class);
    assertEquals("No model yet", title.getText());
    Label command = robot.lookup(".empty-command").queryAs(Label.class);
    assertEquals("pith --model /path/to/model-folder", command.getText());
    Button choose = robot.lookup("#empty-choose-model").queryAs(Button.class);
    assertTrue(choose.isVisible(), "the empty state offers to choose a model");
    robot.interact(choose::fire);
    assertTrue(WaitForAsyncUtils.asyncFx(() -> stage.getScene().lookup("#" + SettingsView.ID)
        instanceof SettingsView view && view.current() instanceof ModelsPage).get(), "it opens Settings → Models");
    assertTrue(Files.isRegularFile(dir.resolve(Database.FILE_NAME)));
  }

  @Test
  void aModelFolderIsLoadedAndTheWindowStateIsSavedAtStop() throws Exception {
    Path model = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .resolve("../inference/target/test-classes/models/tiny-genai").normalize();
    launch("--" + PithApp.DATA_DIR + "=" + dir, "--" + PithApp.MODEL + "=" + model);
    FxRobot robot = new FxRobot();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".empty-title").tryQueryAs(Label.class)
        .map(Label::getText).orElse("").equals("Ask tiny-genai anything"));
    FxToolkit.cleanupApplication(app);
    app = null;
    try (Database db = Database.open(dir)) {
      Optional<String> window = db.read(c -> new SettingsDao(c).get("window"));
      assertTrue(window.isPresent() && window.get().contains("\"width\""), window.toString());
    }
  }

  @Test
  void kioskModeSwitchedOnWithoutAPinOpensANormalWindowThatSaysWhy() throws Exception {
    try (Database db = Database.open(dir)) {
      KioskStore.save(db, KioskSettings.DEFAULT.withEnabled(true)).join();
    }
    Stage stage = launch("--" + PithApp.DATA_DIR + "=" + dir);
    assertTrue(stage.isShowing());
    assertFalse(stage.isFullScreen(), "nobody is locked in a kiosk that no PIN opens");
    Label banner = (Label) new FxRobot().lookup("#" + ChatPane.BANNER_ID + " .label").query();
    assertTrue(banner.getText().startsWith("Kiosk mode is on in Settings → Kiosk, but Pith opened as a normal window:"
        + " kiosk mode needs an admin PIN first"), banner.getText());
  }

  @Test
  void kioskModeSwitchedOnWithAPinOpensFullScreen() throws Exception {
    try (Database db = Database.open(dir)) {
      KioskStore.save(db, KioskSettings.DEFAULT.withEnabled(true)).join();
      KioskStore.savePin(db, AdminPin.hash("2468".toCharArray())).join();
    }
    // A stage of its own: a kiosk's style is set before it is first shown, and the shared one has been shown.
    FxToolkit.registerStage(Stage::new);
    Stage stage = launch("--" + PithApp.DATA_DIR + "=" + dir);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, stage::isFullScreen);
    assertEquals(StageStyle.UNDECORATED, stage.getStyle());
    FxToolkit.cleanupApplication(app);
    app = null;
    WaitForAsyncUtils.asyncFx(stage::hide).get();
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void aDataFolderThatCannotHoldADatabaseIsOneClearMessage() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    launch("--" + PithApp.DATA_DIR + "=" + notAFolder);
    Label text = new FxRobot().lookup(".label").queryAs(Label.class);
    assertTrue(text.getText().startsWith("Pith cannot open its database in " + notAFolder), text.getText());
    assertEquals(1, PithApp.exitCode());
  }
}
