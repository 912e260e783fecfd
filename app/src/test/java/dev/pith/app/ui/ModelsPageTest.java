package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.cli.ModelServer;
import dev.pith.app.ui.chat.ModelState;
import dev.pith.app.ui.settings.ModelsPage;
import dev.pith.app.ui.settings.SettingsStore;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SettingsDao;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Settings → Models in the real window, on a real database, downloading the tiny model from a real HTTP server on
 * 127.0.0.1 named by a test catalog in {@code PITH_CATALOG}: progress, Cancel, Resume with a Range request, Use,
 * Set as default across a restart, and a download that fails.
 */
@ExtendWith(ApplicationExtension.class)
class ModelsPageTest {
  private static final String ID = "tiny-dl";
  @TempDir Path dir;
  private ModelServer server;
  private Path catalog;
  private WindowHarness harness;
  private Stage stage;
  private SettingsHandle settings;

  @BeforeEach
  void startServer() throws Exception {
    server = new ModelServer();
    catalog = ModelServer.writeCatalog(dir.resolve("catalog.json"), ID, Map.of("base_url", server.base() + "/m/"));
  }

  @AfterEach
  void stop() throws Exception {
    server.release();
    if (harness != null) {
      harness.close();
    }
    server.close();
  }

  private void show(FxRobot robot) throws Exception {
    harness = new WindowHarness(Files.createDirectories(dir.resolve("data")), Optional.of(WindowHarness.TINY),
        WindowHarness.EXACT);
    harness.environment(Map.of("PITH_CATALOG", catalog.toString()));
    stage = WaitForAsyncUtils.asyncFx(() -> {
      Stage s = new Stage();
      harness.show(s);
      return s;
    }).get();
    settings = new SettingsHandle(robot, stage);
    settings.pressCtrlComma();
    settings.waitUntilShown(true);
    settings.choose("Models");
  }

  private void waitFor(String id) throws Exception {
    WindowHarness.waitUntil(() -> stage.getScene().lookup("#" + id) != null, 30);
  }

  private void waitForText(String id, String part) throws Exception {
    WindowHarness.waitUntil(() -> {
      Node n = stage.getScene().lookup("#" + id);
      return n instanceof Labeled l && l.getText().contains(part);
    }, 30);
  }

  private double progress() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> ((ProgressBar) stage.getScene()
        .lookup("#" + ModelsPage.PROGRESS_PREFIX + ID)).getProgress()).get(10, TimeUnit.SECONDS);
  }

  @Test
  void downloadShowsProgressCancelKeepsItResumeInstallsUseAnswersAndTheDefaultOutlivesTheWindow(FxRobot robot)
      throws Exception {
    server.serveTiny("/m/", null);
    server.holdAfter("/m/model.onnx.data", 100_000);
    show(robot);
    waitFor(ModelsPage.DOWNLOAD_PREFIX + ID);
    assertEquals("Download", settings.text(ModelsPage.DOWNLOAD_PREFIX + ID));

    settings.press(ModelsPage.DOWNLOAD_PREFIX + ID);
    assertTrue(server.awaitHeld(), "the server sent the first part of model.onnx.data");
    WindowHarness.waitUntil(() -> stage.getScene().lookup("#" + ModelsPage.PROGRESS_PREFIX + ID) != null
        && ((ProgressBar) stage.getScene().lookup("#" + ModelsPage.PROGRESS_PREFIX + ID)).getProgress() > 0, 30);
    double shown = progress();
    assertTrue(shown > 0 && shown < 1, "progress " + shown);
    assertTrue(settings.text(ModelsPage.STATUS_PREFIX + ID).contains(" of "), settings.text(ModelsPage.STATUS_PREFIX
        + ID));

    // Leaving Settings does not stop the download; coming back shows where it is.
    settings.pressEscape();
    settings.waitUntilShown(false);
    settings.pressCtrlComma();
    settings.waitUntilShown(true);
    waitFor(ModelsPage.PROGRESS_PREFIX + ID);
    assertEquals(shown, progress(), 1e-9);

    settings.press(ModelsPage.CANCEL_PREFIX + ID);
    waitForText(ModelsPage.STATUS_PREFIX + ID, "kept — Resume");
    assertEquals("Resume", settings.text(ModelsPage.DOWNLOAD_PREFIX + ID));
    assertFalse(Files.exists(harness.dataDir.resolve("models").resolve(ID)), "nothing installed after a cancel");
    server.release();

    settings.press(ModelsPage.DOWNLOAD_PREFIX + ID);
    waitFor(ModelsPage.USE_PREFIX + ID);
    assertTrue(server.ranges.stream().anyMatch(r -> r.startsWith("/m/model.onnx.data bytes=100000-")),
        server.ranges::toString);

    harness.waitForModel();
    settings.press(ModelsPage.USE_PREFIX + ID);
    Path installed = harness.dataDir.resolve("models").resolve(ID).toAbsolutePath();
    WindowHarness.waitUntil(() -> {
      ModelState m = harness.window.controller().modelProperty().get();
      return m.isReady() && installed.equals(m.dir());
    }, 60);
    waitForText(ModelsPage.IN_USE_PREFIX + ID, "In use");
    robot.interact(() -> harness.window.controller().send("hi"));
    harness.waitUntilIdle();
    java.util.UUID answerId = WaitForAsyncUtils.asyncFx(() -> {
      var thread = harness.window.controller().thread();
      return thread.get(thread.size() - 1).id();
    }).get();
    Message answer = harness.db.read(c -> new MessageDao(c).find(answerId)).orElseThrow();
    assertEquals(Role.ASSISTANT, answer.role());
    assertEquals(MessageStatus.COMPLETE, answer.status(), answer::toString);
    assertEquals(ID, answer.modelId(), "the downloaded model answered");

    settings.press(ModelsPage.DEFAULT_PREFIX + ID);
    waitFor(ModelsPage.DEFAULT_BADGE_PREFIX + ID);
    WindowHarness.waitUntil(() -> harness.db.read(c -> new SettingsDao(c).get(SettingsStore.MODELS))
        .orElse("").contains(ID), 10);

    harness.close();
    harness = null;
    show(robot);
    waitFor(ModelsPage.DEFAULT_BADGE_PREFIX + ID);
    assertEquals(Optional.of(ID), SettingsStore.open(harness.db).defaultModel());
  }

  @Test
  void aFailedDownloadSaysWhyInOneLineAndInstallsNothing(FxRobot robot) throws Exception {
    server.serveTiny("/m/", "tokenizer.json");
    show(robot);
    waitFor(ModelsPage.DOWNLOAD_PREFIX + ID);

    settings.press(ModelsPage.DOWNLOAD_PREFIX + ID);

    waitForText(ModelsPage.STATUS_PREFIX + ID, "Download failed: ");
    String status = settings.text(ModelsPage.STATUS_PREFIX + ID);
    assertTrue(status.startsWith("Download failed: tokenizer.json: not found (HTTP 404 from " + server.base()
        + "/m/tokenizer.json)"), status);
    assertFalse(status.contains("\n"), status);
    assertTrue(WaitForAsyncUtils.asyncFx(() -> stage.getScene().lookup("#" + ModelsPage.USE_PREFIX + ID) == null)
        .get(), "nothing is listed as installed");
    assertFalse(Files.exists(harness.dataDir.resolve("models").resolve(ID)));
  }
}
