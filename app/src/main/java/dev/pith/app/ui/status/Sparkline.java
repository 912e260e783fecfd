package dev.pith.app.ui.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.converter.PaintConverter;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.StrokeLineJoin;

/**
 * The status bar's last minute at a glance: watts and tokens per second as two lines on a small canvas, each scaled
 * to its own maximum over the minute (from 0, so a flat line means a steady figure, not a small one). It draws only
 * the points it is given: a minute without readings stays empty. Clicking it, or Enter or Space while it has the
 * focus, asks for the larger chart.
 *
 * <p>The colours are CSS properties ({@code -pith-watts-stroke}, {@code -pith-rate-stroke}) so the stylesheet gives
 * them AtlantaFX's looked-up colours and the theme changes them; the size is the region's, in em. Drawing reuses the
 * canvas and the caller's arrays: it makes no objects of its own. FX thread only.
 */
final class Sparkline extends Region {
  static final String STYLE_CLASS = "status-spark";

  private static final double LINE_WIDTH = 1.25;

  private final Canvas canvas = new Canvas();
  private final Tooltip tooltip = new Tooltip();
  private final StyleableObjectProperty<Paint> wattsStroke =
      new SimpleStyleableObjectProperty<>(WATTS_STROKE, this, "wattsStroke", Color.SEAGREEN);
  private final StyleableObjectProperty<Paint> rateStroke =
      new SimpleStyleableObjectProperty<>(RATE_STROKE, this, "rateStroke", Color.ROYALBLUE);
  private Runnable onOpen = () -> { };

  // What was plotted last, kept to redraw on a resize or a theme change. The arrays are the caller's.
  private long now;
  private long[] wattTimes = new long[0];
  private double[] watts = new double[0];
  private int wattCount;
  private long[] rateTimes = new long[0];
  private double[] rates = new double[0];
  private int rateCount;

  Sparkline() {
    getStyleClass().add(STYLE_CLASS);
    getChildren().add(canvas);
    canvas.setManaged(false);
    setFocusTraversable(true);
    setAccessibleRole(AccessibleRole.BUTTON);
    setCursor(Cursor.HAND);
    Tooltip.install(this, tooltip);
    setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY) {
        requestFocus();
        onOpen.run();
        e.consume();
      }
    });
    addEventHandler(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
        onOpen.run();
        e.consume();
      }
    });
    wattsStroke.addListener((p, was, now) -> draw());
    rateStroke.addListener((p, was, now) -> draw());
  }

  /** What a click, Enter or Space does: open the chart. */
  void setOnOpen(Runnable action) {
    onOpen = Objects.requireNonNull(action, "action");
  }

  /** The summary a tooltip shows and a screen reader says. */
  void describe(String text) {
    tooltip.setText(text);
    setAccessibleText(text);
  }

  String description() {
    return tooltip.getText();
  }

  /**
   * Draws the minute up to {@code nowNanos}: the first {@code wattCount} readings and {@code rateCount} speeds, oldest
   * first. The arrays are kept (not copied) until the next call, to redraw on a resize.
   */
  void plot(long nowNanos, long[] wattNanos, double[] wattValues, int wattPoints, long[] rateNanos,
      double[] rateValues, int ratePoints) {
    now = nowNanos;
    wattTimes = wattNanos;
    watts = wattValues;
    wattCount = wattPoints;
    rateTimes = rateNanos;
    rates = rateValues;
    rateCount = ratePoints;
    draw();
  }

  @Override
  protected void layoutChildren() {
    double w = snapSizeX(getWidth() - snappedLeftInset() - snappedRightInset());
    double h = snapSizeY(getHeight() - snappedTopInset() - snappedBottomInset());
    canvas.relocate(snappedLeftInset(), snappedTopInset());
    if (canvas.getWidth() != w || canvas.getHeight() != h) {
      canvas.setWidth(Math.max(0, w));
      canvas.setHeight(Math.max(0, h));
      draw();
    }
  }

  private void draw() {
    GraphicsContext g = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    g.clearRect(0, 0, w, h);
    if (w <= 0 || h <= 0) {
      return;
    }
    g.setLineWidth(LINE_WIDTH);
    g.setLineJoin(StrokeLineJoin.ROUND);
    // speed behind, watts (the bar's figure) in front
    line(g, rateTimes, rates, rateCount, rateStroke.get(), w, h);
    line(g, wattTimes, watts, wattCount, wattsStroke.get(), w, h);
  }

  private void line(GraphicsContext g, long[] times, double[] values, int count, Paint stroke, double w, double h) {
    if (count < 2) {
      return;
    }
    double max = 0;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, values[i]);
    }
    double top = LINE_WIDTH;
    double bottom = h - LINE_WIDTH;
    g.setStroke(stroke);
    g.beginPath();
    for (int i = 0; i < count; i++) {
      double age = (now - times[i]) / (double) RateHistory.WINDOW_NANOS;
      double x = w * (1 - Math.max(0, Math.min(1, age)));
      double y = max <= 0 ? bottom : bottom - (bottom - top) * values[i] / max;
      if (i == 0) {
        g.moveTo(x, y);
      } else {
        g.lineTo(x, y);
      }
    }
    g.stroke();
  }

  private static final CssMetaData<Sparkline, Paint> WATTS_STROKE =
      new CssMetaData<>("-pith-watts-stroke", PaintConverter.getInstance(), Color.SEAGREEN) {
        @Override
        public boolean isSettable(Sparkline node) {
          return !node.wattsStroke.isBound();
        }

        @Override
        public StyleableProperty<Paint> getStyleableProperty(Sparkline node) {
          return node.wattsStroke;
        }
      };

  private static final CssMetaData<Sparkline, Paint> RATE_STROKE =
      new CssMetaData<>("-pith-rate-stroke", PaintConverter.getInstance(), Color.ROYALBLUE) {
        @Override
        public boolean isSettable(Sparkline node) {
          return !node.rateStroke.isBound();
        }

        @Override
        public StyleableProperty<Paint> getStyleableProperty(Sparkline node) {
          return node.rateStroke;
        }
      };

  private static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

  static {
    List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
    all.add(WATTS_STROKE);
    all.add(RATE_STROKE);
    CSS_META_DATA = Collections.unmodifiableList(all);
  }

  public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
    return CSS_META_DATA;
  }

  @Override
  public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
    return CSS_META_DATA;
  }
}
