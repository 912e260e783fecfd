package dev.pith.app.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.testfx.api.FxToolkit;

/** Runs test code on the JavaFX thread (headless Monocle) and walks the node trees the view builds. */
final class Fx {
  private Fx() {}

  /**
   * Starts the toolkit once for the whole test run (later calls find it started) with the app's AtlantaFX theme
   * unless a test already chose one, so the stylesheet's looked-up colours resolve as they do in the app.
   */
  static void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    run(() -> {
      if (Application.getUserAgentStylesheet() == null) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
      }
    });
  }

  static <T> T call(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(work.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw new AssertionError(e.getCause());
    }
  }

  static void run(ThrowingRunnable work) throws Exception {
    call(() -> {
      work.run();
      return null;
    });
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Every node of type {@code type} under {@code root}, depth first, looking into scroll panes without a skin. */
  static <T> List<T> all(Node root, Class<T> type) {
    List<T> found = new ArrayList<>();
    collect(root, type, found);
    return found;
  }

  private static <T> void collect(Node node, Class<T> type, List<T> found) {
    if (type.isInstance(node)) {
      found.add(type.cast(node));
    }
    if (node instanceof ScrollPane scroll && scroll.getContent() != null) {
      collect(scroll.getContent(), type, found);
    } else if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        collect(child, type, found);
      }
    }
  }

  /**
   * A one-line-per-node outline of a tree (type, style classes, text), to compare two renderings. Code blocks are
   * described by their language and code, since their inside is fixed.
   */
  static String outline(Node root) {
    StringBuilder out = new StringBuilder();
    outline(root, 0, out);
    return out.toString();
  }

  private static void outline(Node node, int depth, StringBuilder out) {
    out.append("  ".repeat(depth)).append(node.getClass().getSimpleName())
        .append('[').append(String.join(" ", node.getStyleClass())).append(']');
    if (node instanceof CodeBlockView code) {
      out.append(" [").append(code.language()).append("] ").append(code.code()).append('\n');
      return;
    }
    if (node instanceof Text text) {
      out.append(" \"").append(text.getText()).append('"');
    } else if (node instanceof javafx.scene.control.Labeled label) {
      out.append(" \"").append(label.getText()).append('"');
    }
    out.append('\n');
    List<Node> children = node instanceof ScrollPane scroll ? List.of(scroll.getContent())
        : node instanceof Parent parent ? parent.getChildrenUnmodifiable() : List.of();
    for (Node child : children) {
      outline(child, depth + 1, out);
    }
  }

  /** The text a flow shows: its Text runs, and the text of embedded labels (inline code). */
  static String text(TextFlow flow) {
    StringBuilder text = new StringBuilder();
    for (Node child : flow.getChildren()) {
      if (child instanceof Text run && !(child instanceof org.kordamp.ikonli.javafx.FontIcon)) {
        text.append(run.getText());
      } else if (child instanceof javafx.scene.control.Label label) {
        text.append(label.getText());
      }
    }
    return text.toString();
  }
}
