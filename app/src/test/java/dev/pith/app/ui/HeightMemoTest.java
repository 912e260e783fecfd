package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class HeightMemoTest {
  private final List<Double> asked = new ArrayList<>();
  private double perWidth = 1000;
  private final DoubleUnaryOperator measure = width -> {
    asked.add(width);
    return perWidth / width;
  };

  @Test
  void measuresOncePerWidthUntilCleared() {
    HeightMemo memo = new HeightMemo();
    assertEquals(10, memo.pref(100, measure));
    assertEquals(10, memo.pref(100, measure));
    assertEquals(List.of(100.0), asked, "the same width is not measured twice");

    assertEquals(5, memo.pref(200, measure));
    assertEquals(List.of(100.0, 200.0), asked, "another width is measured");

    perWidth = 3000; // the content changed: its owner's requestLayout clears the memo
    memo.clear();
    assertEquals(15, memo.pref(200, measure));
    assertEquals(3, asked.size());
  }

  @Test
  void minimumAndPreferredAreRememberedApart() {
    HeightMemo memo = new HeightMemo();
    memo.pref(100, measure);
    assertEquals(20, memo.min(100, width -> 20));
    assertEquals(10, memo.pref(100, measure));
    assertEquals(20, memo.min(100, width -> 99), "remembered: not measured again");
    memo.clear();
    assertEquals(99, memo.min(100, width -> 99));
  }

  @Test
  void theUnboundedWidthIsAWidthLikeAnyOther() {
    HeightMemo memo = new HeightMemo();
    memo.pref(-1, measure);
    memo.pref(-1, measure);
    memo.pref(100, measure);
    assertEquals(List.of(-1.0, 100.0), asked);
  }
}
