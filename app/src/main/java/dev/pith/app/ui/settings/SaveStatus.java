package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.inference.OneLine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Saved" for a moment after a setting is written, or why it could not be, until the next save: a failed save is
 * never only logged.
 */
public final class SaveStatus extends Label {
  public static final String ID = "settings-save-status";
  private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

  private final Executor fx;
  private final PauseTransition fade = new PauseTransition(Duration.seconds(2.5));
  private long latest;

  /** @param fx runs on the FX thread ({@code Platform::runLater}) */
  public SaveStatus(Executor fx) {
    this.fx = fx;
    setId(ID);
    getStyleClass().addAll("save-status", Styles.TEXT_SMALL);
    fade.setOnFinished(e -> {
      setText("");
      setGraphic(null);
    });
  }

  /** Shows how {@code save} ends. FX thread. */
  public void track(CompletableFuture<?> save) {
    long id = ++latest;
    save.whenComplete((value, failure) -> fx.execute(() -> {
      if (id != latest) {
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      pseudoClassStateChanged(FAILED, cause != null);
      setGraphic(new FontIcon(cause == null ? Feather.CHECK : Feather.ALERT_TRIANGLE));
      setText(cause == null ? "Saved" : "Not saved: " + OneLine.of(String.valueOf(cause.getMessage())));
      if (cause == null) {
        fade.playFromStart();
      } else {
        fade.stop();
      }
    }));
  }
}
