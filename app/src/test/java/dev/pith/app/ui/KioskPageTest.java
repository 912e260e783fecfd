package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.kiosk.AdminPin;
import dev.pith.app.kiosk.KioskPolicy;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.app.ui.settings.KioskPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Settings → Kiosk in the real window on a real database: the admin PIN first, then kiosk mode and its settings. */
@ExtendWith(ApplicationExtension.class)
class KioskPageTest {
  @TempDir Path dir;
  private WindowHarness harness;

  @AfterEach
  void closeWindow() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private KioskSettings saved() {
    return KioskStore.settings(harness.db);
  }

  private void waitForResult(SettingsHandle settings, String text) throws Exception {
    WindowHarness.waitUntil(() -> settings.text(KioskPage.PIN_RESULT_ID).equals(text), 10);
  }

  @Test
  void aPinIsSetFirstThenKioskModeItsIdleTimeAndPolicyAreSavedAndChangingThePinNeedsTheCurrentOne(FxRobot robot)
      throws Exception {
    harness = new WindowHarness(Files.createDirectories(dir.resolve("data")), Optional.empty(), WindowHarness.EXACT);
    Stage stage = WaitForAsyncUtils.asyncFx(() -> {
      Stage s = new Stage();
      harness.show(s);
      return s;
    }).get();
    SettingsHandle settings = new SettingsHandle(robot, stage);
    robot.interact(() -> harness.window.openSettings(KioskPage.class));
    WindowHarness.waitUntil(() -> settings.text(KioskPage.PIN_STATE_ID).equals("Not set"), 10);
    assertTrue(WaitForAsyncUtils.asyncFx(() -> stage.getScene().lookup("#" + KioskPage.ENABLED_ID).isDisabled())
        .get(), "no kiosk mode without a PIN");

    settings.press(KioskPage.PIN_BUTTON_ID);
    assertTrue(settings.visible(KioskPage.PIN_FORM_ID));
    assertFalse(settings.visible(KioskPage.CURRENT_ROW_ID), "no current PIN to ask for");
    settings.type(KioskPage.NEW_ID, "12");
    settings.type(KioskPage.AGAIN_ID, "12");
    settings.press(KioskPage.SAVE_PIN_ID);
    waitForResult(settings, "Not saved: the admin PIN must be 4 to 12 digits (0-9).");
    settings.type(KioskPage.NEW_ID, "2468");
    settings.type(KioskPage.AGAIN_ID, "2469");
    settings.press(KioskPage.SAVE_PIN_ID);
    waitForResult(settings, "Not saved: the two new PINs differ.");
    settings.type(KioskPage.AGAIN_ID, "2468");
    settings.press(KioskPage.SAVE_PIN_ID);
    waitForResult(settings, "The admin PIN is saved.");
    assertEquals("Set", settings.text(KioskPage.PIN_STATE_ID));
    assertEquals("Change PIN…", settings.text(KioskPage.PIN_BUTTON_ID));
    assertFalse(settings.visible(KioskPage.PIN_FORM_ID));
    assertTrue(AdminPin.matches("2468".toCharArray(), KioskStore.pin(harness.db).orElseThrow()));

    settings.press(KioskPage.ENABLED_ID);
    WindowHarness.waitUntil(() -> saved().enabled(), 10);
    settings.enter(KioskPage.IDLE_ID, "0");
    assertEquals("Not saved. Enter a whole number from 1 to 120.", settings.problem(KioskPage.IDLE_ID));
    settings.enter(KioskPage.IDLE_ID, "10");
    settings.press(KioskPage.POLICY_ID_PREFIX + "keep");
    WindowHarness.waitUntil(() -> saved().equals(new KioskSettings(true, 10, KioskPolicy.KEEP)), 10);

    settings.press(KioskPage.PIN_BUTTON_ID);
    assertTrue(settings.visible(KioskPage.CURRENT_ROW_ID));
    settings.type(KioskPage.CURRENT_ID, "1111");
    settings.type(KioskPage.NEW_ID, "1357");
    settings.type(KioskPage.AGAIN_ID, "1357");
    settings.press(KioskPage.SAVE_PIN_ID);
    waitForResult(settings, "Not saved: the current PIN is wrong.");
    assertTrue(AdminPin.matches("2468".toCharArray(), KioskStore.pin(harness.db).orElseThrow()));
    settings.type(KioskPage.CURRENT_ID, "2468");
    settings.type(KioskPage.NEW_ID, "1357");
    settings.type(KioskPage.AGAIN_ID, "1357");
    settings.press(KioskPage.SAVE_PIN_ID);
    waitForResult(settings, "The admin PIN is saved.");
    assertTrue(AdminPin.matches("1357".toCharArray(), KioskStore.pin(harness.db).orElseThrow()));
  }
}
