package dev.pith.app.ui;

import java.util.function.DoubleUnaryOperator;

/**
 * Remembers a node's computed minimum and preferred height for the last width it was asked about, until the
 * node's layout is requested again.
 *
 * <p>A {@code VBox} asks each child for its height at the column's width on every layout pass, and JavaFX keeps
 * no such answer for a width (only for {@code -1}): a thread of long answers measured all of its text again every
 * time one line was added to the answer being written. The owner overrides {@code computePrefHeight},
 * {@code computeMinHeight} and {@code requestLayout}: a change anywhere inside a node calls its
 * {@code requestLayout} on the way up to the scene, which {@link #clear}s the memo; so does a change of font or
 * style, which reaches the node's text the same way. FX thread only.
 */
public final class HeightMemo {
  private double prefWidth = Double.NaN;
  private double prefHeight;
  private double minWidth = Double.NaN;
  private double minHeight;

  /** The preferred height at {@code width}, computed by {@code compute} only when not remembered. */
  public double pref(double width, DoubleUnaryOperator compute) {
    if (Double.compare(width, prefWidth) != 0) {
      prefHeight = compute.applyAsDouble(width);
      prefWidth = width;
    }
    return prefHeight;
  }

  /** The minimum height at {@code width}, computed by {@code compute} only when not remembered. */
  public double min(double width, DoubleUnaryOperator compute) {
    if (Double.compare(width, minWidth) != 0) {
      minHeight = compute.applyAsDouble(width);
      minWidth = width;
    }
    return minHeight;
  }

  /** Forgets both heights: call from the owner's {@code requestLayout}. */
  public void clear() {
    prefWidth = Double.NaN;
    minWidth = Double.NaN;
  }
}
