package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.app.cli.PullProgressPrinter;
import dev.pith.inference.models.ByteSize;
import dev.pith.inference.models.CatalogEntry;
import dev.pith.inference.models.PullProgress;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A catalog model that is not installed, in Settings → Models: what it is (name, description, license, size,
 * context length, backend) and its download: a Download button; while downloading a bar with bytes, speed, time
 * left and Cancel; after a cancel or failure what was kept, the reason, and Resume. NPU models have no download.
 * FX thread only.
 */
final class CatalogCard extends VBox {
  private final CatalogEntry entry;
  private final Label status = new Label();
  private final ProgressBar bar = new ProgressBar(0);
  private final Button download = new Button("Download", new FontIcon(Feather.DOWNLOAD));
  private final Button cancel = new Button("Cancel", new FontIcon(Feather.X));
  private final HBox actions;

  /**
   * @param partialBytes what an earlier download left on disk (0 for none)
   * @param start starts or resumes the download
   * @param stop cancels it
   */
  CatalogCard(CatalogEntry entry, long partialBytes, Consumer<CatalogEntry> start, Consumer<String> stop) {
    this.entry = entry;
    String id = entry.id();
    setId(ModelsPage.cardId(id));
    getStyleClass().add("model-card");
    Label name = new Label(entry.name());
    name.getStyleClass().add("model-name");
    HBox title = new HBox(8, name, badge(entry.license()), badge(backendName(entry)));
    title.setAlignment(Pos.CENTER_LEFT);
    getChildren().add(title);
    if (entry.description() != null && !entry.description().isBlank()) {
      getChildren().add(Form.note(entry.description()));
    }
    Label facts = new Label(facts(entry));
    facts.getStyleClass().add("model-facts");
    facts.setWrapText(true);
    getChildren().add(facts);

    status.setId(ModelsPage.STATUS_PREFIX + id);
    status.setWrapText(true);
    status.getStyleClass().add("model-status");
    bar.setId(ModelsPage.PROGRESS_PREFIX + id);
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.setAccessibleText("Download progress of " + entry.name());
    HBox.setHgrow(bar, Priority.ALWAYS);
    download.setId(ModelsPage.DOWNLOAD_PREFIX + id);
    download.getStyleClass().add(Styles.ACCENT);
    download.setOnAction(e -> start.accept(entry));
    cancel.setId(ModelsPage.CANCEL_PREFIX + id);
    cancel.setAccessibleText("Cancel the download of " + entry.name() + " (what was downloaded is kept)");
    cancel.setOnAction(e -> stop.accept(id));
    actions = new HBox(10);
    actions.setAlignment(Pos.CENTER_LEFT);
    getChildren().addAll(actions, status);

    if (!entry.downloadable()) {
      status.setText("Runs on the Hailo NPU: its backend downloads this model itself (it arrives with NPU"
          + " support), so there is nothing to download here.");
      status.getStyleClass().add(Styles.TEXT_MUTED);
      getChildren().remove(actions);
    } else {
      showIdle(partialBytes, "");
    }
  }

  /** Shows a download's state (or, with null, that none was started in this window). */
  void show(ModelDownloads.State state) {
    if (!entry.downloadable() || state == null) {
      return;
    }
    switch (state.phase()) {
      case WAITING -> showRunning(null);
      case RUNNING -> showRunning(state.progress());
      case CANCELLED, FAILED -> showIdle(state.keptBytes(), state.problem());
      case DONE -> showDone();
    }
  }

  private void showIdle(long kept, String problem) {
    boolean resume = kept > 0;
    download.setText(resume ? "Resume" : "Download");
    download.setAccessibleText((resume ? "Resume downloading " : "Download ") + entry.name());
    actions.getChildren().setAll(download);
    String keptLine = resume ? ByteSize.format(kept) + " kept — Resume continues from there." : "";
    status.setText(problem.isEmpty() ? keptLine : "Download failed: " + problem + (resume ? " " + keptLine : ""));
    status.pseudoClassStateChanged(ModelsPage.DANGER, !problem.isEmpty());
  }

  private void showRunning(PullProgress p) {
    actions.getChildren().setAll(bar, cancel);
    bar.setProgress(p == null ? ProgressBar.INDETERMINATE_PROGRESS : barFraction(p));
    status.pseudoClassStateChanged(ModelsPage.DANGER, false);
    status.setText(p == null ? "Starting…" : progressLine(p));
  }

  private void showDone() {
    actions.getChildren().clear();
    status.pseudoClassStateChanged(ModelsPage.DANGER, false);
    status.setText("Installed.");
  }

  /**
   * The whole model's share when its size is known; else the current file's (the line then says which file), so
   * that a catalog without sizes still shows a bar that moves toward an end.
   */
  static double barFraction(PullProgress p) {
    if (p.fraction() >= 0) {
      return p.fraction();
    }
    return p.fileTotal() > 0 ? Math.min(1.0, (double) p.fileBytes() / p.fileTotal())
        : ProgressBar.INDETERMINATE_PROGRESS;
  }

  /**
   * e.g. {@code 96.1 MB of 254.5 MB · 1.2 MB/s · 2:05 left · file 3 of 5}, or without a known total
   * {@code 13.8 MB so far · 3.2 MB/s · file 2 of 6, 40 % of 34.1 MB}.
   */
  static String progressLine(PullProgress p) {
    StringBuilder s = new StringBuilder(ByteSize.format(p.bytes()));
    s.append(p.totalBytes() >= 0 ? " of " + ByteSize.format(p.totalBytes()) : " so far");
    if (p.bytesPerSecond() > 0) {
      s.append(" · ").append(ByteSize.format((long) p.bytesPerSecond())).append("/s");
    }
    if (p.eta() != null) {
      s.append(" · ").append(PullProgressPrinter.duration(p.eta())).append(" left");
    }
    s.append(" · file ").append(p.fileIndex()).append(" of ").append(p.fileCount());
    if (p.totalBytes() < 0 && p.fileTotal() > 0) {
      s.append(", ").append(Math.round(100.0 * p.fileBytes() / p.fileTotal())).append(" % of ")
          .append(ByteSize.format(p.fileTotal()));
    }
    return s.toString();
  }

  private static String facts(CatalogEntry entry) {
    long size = entry.totalSize();
    String sizeText = !entry.downloadable() ? "Downloaded by the NPU backend"
        : size >= 0 ? ByteSize.format(size) : "Size not listed in the catalog";
    return sizeText + " · " + NumberFormat.getIntegerInstance(Locale.ROOT).format(entry.contextLength())
        + " tokens of context";
  }

  private static String backendName(CatalogEntry entry) {
    return CatalogEntry.HAILO.equals(entry.backend()) ? "NPU (Hailo)" : "CPU";
  }

  static Label badge(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("model-badge");
    l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    return l;
  }
}
