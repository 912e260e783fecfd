package dev.pith.app.ui.status;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/** Reads a {@link StatusBar} the way a person sees it, always on the FX thread; waits instead of sleeping. */
final class StatusBarHandle {
  private static final long TIMEOUT_MILLIS = 5_000;

  private final StatusBar bar;

  StatusBarHandle(StatusBar bar) {
    this.bar = bar;
  }

  String text(String field) {
    return fx(() -> label(field).getText());
  }

  /** In the bar: visible and taking room. */
  boolean shown(String field) {
    return fx(() -> node(field).isVisible() && node(field).isManaged());
  }

  String tooltip(String field) {
    return fx(() -> label(field).getTooltip().getText());
  }

  String accessibleText(String field) {
    return fx(() -> label(field).getAccessibleText());
  }

  boolean hasStyleClass(String field, String styleClass) {
    return fx(() -> label(field).getStyleClass().contains(styleClass));
  }

  /** The right edge of the field in the bar's coordinates. */
  double rightEdge(String field) {
    return fx(() -> node(field).getBoundsInParent().getMaxX());
  }

  /** The sparkline's tooltip, which is also what a screen reader says. */
  String sparkDescription() {
    return fx(() -> {
      Sparkline spark = (Sparkline) node(StatusBar.SPARK);
      String text = spark.description();
      if (!text.equals(spark.getAccessibleText())) {
        throw new AssertionError("the tooltip '" + text + "' and the screen reader's '" + spark.getAccessibleText()
            + "' differ");
      }
      return text;
    });
  }

  boolean chartShowing() {
    return fx(() -> chart().isShowing());
  }

  /** The points of the chart's watts line. */
  int chartWattPoints() {
    return fx(() -> chart().wattPoints());
  }

  /** What the chart says under its lines: the source and what it covers. */
  String chartSource() {
    return fx(() -> ((Label) chart().popover().getContentNode().lookup("." + PowerChart.SOURCE)).getText());
  }

  Button statsButton() {
    return fx(() -> (Button) chart().popover().getContentNode().lookup("." + PowerChart.STATS_BUTTON));
  }

  boolean statsButtonShown() {
    return fx(() -> statsButton().isVisible() && statsButton().isManaged());
  }

  private PowerChart chart() {
    return bar.powerChart();
  }

  double width() {
    return fx(bar::getWidth);
  }

  void waitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
    while (!fx(condition::getAsBoolean)) {
      if (System.nanoTime() - deadline > 0) {
        fail("waited " + TIMEOUT_MILLIS + " ms for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for " + what);
      }
    }
  }

  /** Waits until {@code field} reads {@code expected}, and says what it read instead when it never does. */
  void waitForText(String field, String expected) {
    try {
      waitUntil(field + " to read '" + expected + "'", () -> expected.equals(label(field).getText()));
    } catch (AssertionError e) {
      fail(e.getMessage() + "; it reads '" + text(field) + "'");
    }
  }

  private Node node(String field) {
    Node node = bar.lookup("." + field);
    if (node == null) {
      throw new AssertionError("no ." + field + " in the status bar");
    }
    return node;
  }

  private Label label(String field) {
    Label label = (Label) bar.lookup("." + field);
    if (label == null) {
      throw new AssertionError("no ." + field + " in the status bar");
    }
    return label;
  }

  static <T> T fx(Supplier<T> read) {
    if (Platform.isFxApplicationThread()) {
      return read.get();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(read.get());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause(); // what the FX thread threw, as if called here
      }
      throw new AssertionError("the FX thread failed", e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no answer from the FX thread", e);
    }
  }

  static void onFx(Runnable action) {
    fx(() -> {
      action.run();
      return null;
    });
  }
}
