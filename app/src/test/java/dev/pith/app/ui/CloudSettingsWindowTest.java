package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.cloud.CloudSettings;
import dev.pith.app.cloud.CloudStore;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.ui.settings.CloudSection;
import dev.pith.app.ui.settings.PrivacyPage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Settings → Privacy → Cloud in the real window: off by default, what it still needs, refused input, the key file. */
@ExtendWith(ApplicationExtension.class)
class CloudSettingsWindowTest {
  static final String KEY = "sk-settings-test-0a1b2c3d4e5f6789";
  @TempDir Path dir;
  private WindowHarness harness;
  private Stage stage;
  private SettingsHandle settings;

  @AfterEach
  void closeWindow() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private void show(FxRobot robot, KioskMode kiosk) throws Exception {
    harness = new WindowHarness(Files.createDirectories(dir.resolve("data")), Optional.empty(), WindowHarness.EXACT);
    harness.environment(Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString()));
    if (kiosk.on()) {
      harness.kiosk(kiosk, () -> { });
    }
    stage = WaitForAsyncUtils.asyncFx(() -> {
      Stage s = new Stage();
      harness.show(s);
      s.setHeight(900);
      return s;
    }).get();
    settings = new SettingsHandle(robot, stage);
    robot.interact(() -> harness.window.openSettings(PrivacyPage.class));
  }

  @Test
  void turningTheCloudOnSaysWhatItNeedsAndTheKeyGoesToItsOwnFile(FxRobot robot) throws Exception {
    show(robot, KioskMode.OFF);
    WindowHarness.waitUntil(() -> settings.text(CloudSection.MISSING_ID).startsWith("Off"), 10);
    assertFalse(CloudStore.cloud(harness.db).enabled(), "off by default");

    settings.press(CloudSection.ENABLED_ID);
    WindowHarness.waitUntil(() -> CloudStore.cloud(harness.db).enabled(), 10);
    assertEquals("On, but not usable yet: it still needs a base URL, a model and an API key.",
        settings.text(CloudSection.MISSING_ID));

    settings.enter(CloudSection.BASE_URL_ID, "ftp://example.org/v1");
    assertTrue(settings.problem(CloudSection.BASE_URL_ID).startsWith("Not saved: a cloud base URL starts with"),
        settings.problem(CloudSection.BASE_URL_ID));
    assertEquals("", CloudStore.cloud(harness.db).baseUrl(), "a refused URL is not saved");
    settings.enter(CloudSection.BASE_URL_ID, "https://llm.example.org/v1");
    assertEquals("", settings.problem(CloudSection.BASE_URL_ID));
    settings.enter(CloudSection.MODEL_ID, "big-model");
    WindowHarness.waitUntil(() -> CloudStore.cloud(harness.db).model().equals("big-model"), 10);
    assertEquals(new CloudSettings(true, "https://llm.example.org/v1", "big-model"), CloudStore.cloud(harness.db));
    assertEquals("On, but not usable yet: it still needs an API key.", settings.text(CloudSection.MISSING_ID));

    settings.type(CloudSection.KEY_ID, "two words");
    settings.press(CloudSection.KEY_SAVE_ID);
    assertTrue(settings.problem(CloudSection.KEY_ID).startsWith("Not saved: an API key is one word"),
        settings.problem(CloudSection.KEY_ID));
    settings.type(CloudSection.KEY_ID, KEY);
    settings.press(CloudSection.KEY_SAVE_ID);
    Path keyFile = dir.resolve("config/pith/cloud-api-key");
    WindowHarness.waitUntil(() -> settings.text(CloudSection.KEY_STATE_ID).startsWith("A key is saved"), 10);
    assertEquals(KEY, Files.readString(keyFile).strip());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    assertEquals("", settings.text(CloudSection.KEY_ID), "the field does not keep it");
    assertTrue(settings.text(CloudSection.MISSING_ID).startsWith("On: answers offer"));

    settings.enter(CloudSection.REGION_ID, "Britain");
    assertTrue(settings.problem(CloudSection.REGION_ID).contains("two letters"));
    settings.type(CloudSection.TERMS_ID, "Ana Souza, Project Bluefin\nAcme Ltd\n");
    settings.pressEscape(); // back to the chat: what was typed and is valid is kept
    WindowHarness.waitUntil(() -> CloudStore.privacy(harness.db).terms().size() == 3, 10);
    assertEquals(List.of("Ana Souza", "Project Bluefin", "Acme Ltd"), CloudStore.privacy(harness.db).terms());
    assertEquals("", CloudStore.privacy(harness.db).phoneRegion(), "the refused region was not saved");
    // The chat learns at once that the cloud may be asked.
    WindowHarness.waitUntil(() -> harness.window.cloud().orElseThrow().available().get(), 10);

    // The key is nowhere in the database (nor its write-ahead log).
    try (Stream<Path> files = Files.list(harness.dataDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(KEY), f.toString());
      }
    }

    robot.interact(() -> harness.window.openSettings(PrivacyPage.class));
    WindowHarness.waitUntil(() -> settings.visible(CloudSection.KEY_REMOVE_ID), 10);
    settings.press(CloudSection.KEY_REMOVE_ID);
    WindowHarness.waitUntil(() -> settings.text(CloudSection.KEY_STATE_ID).equals("No key is saved."), 10);
    assertFalse(Files.exists(keyFile));
  }

  @Test
  void inKioskModeTheSectionOnlySaysItIsOff(FxRobot robot) throws Exception {
    show(robot, KioskMode.on(KioskSettings.DEFAULT.withEnabled(true)));
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(settings.visible(CloudSection.KIOSK_NOTE_ID));
    assertEquals("Asking a cloud model is off in kiosk mode: nothing leaves this computer.",
        settings.text(CloudSection.KIOSK_NOTE_ID));
    assertFalse(settings.visible(CloudSection.ENABLED_ID));
    assertFalse(settings.visible(CloudSection.KEY_ID));
  }
}
