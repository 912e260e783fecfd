package dev.pith.app.ui.stats;

import dev.pith.app.cli.StatsFormat;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Stats page's tables: speed percentiles per backend and model, power and energy per backend. FX thread. */
final class Tables {
  static final String SPEED_ID = "stats-speed-table";
  static final String ENERGY_ID = "stats-energy-table";
  private static final String PERCENTILES = "nearest rank: the value at rank ⌈p/100 × n⌉ of the n measured"
      + " answers sorted, never an average of two";

  private Tables() {}

  /** TTFT and decode tok/s, median and 95th percentile; a footnote when a figure is from fewer answers. */
  static VBox speeds(StatsReport report) {
    GridPane grid = grid(SPEED_ID, List.of("Backend · model", "Answers", "TTFT p50", "TTFT p95", "tok/s p50",
        "tok/s p95"));
    List<String> footnotes = new ArrayList<>();
    int r = 1;
    for (StatsReport.SpeedRow row : report.speeds()) {
      Percentile ttft = row.ttftMillis();
      Percentile tps = row.decodeTps();
      grid.addRow(r++, cell(row.key().label(), null), number(Integer.toString(row.answers())),
          number(ttft == null ? "—" : millis(ttft.p50()), ttft, row.answers()),
          number(ttft == null ? "—" : millis(ttft.p95()), ttft, row.answers()),
          number(tps == null ? "—" : StatsFormat.number(tps.p50(), 1), tps, row.answers()),
          number(tps == null ? "—" : StatsFormat.number(tps.p95(), 1), tps, row.answers()));
      int timed = ttft == null ? 0 : ttft.count();
      int paced = tps == null ? 0 : tps.count();
      if (timed < row.answers() || paced < row.answers()) {
        footnotes.add(row.key().label() + ": TTFT from " + timed + ", tok/s from " + paced + " of its "
            + StatsView.answers(row.answers()) + " (the others did not measure it).");
      }
    }
    VBox box = new VBox(grid);
    box.getStyleClass().add("stats-table-box");
    footnotes.forEach(f -> box.getChildren().add(StatsView.note(f)));
    box.getChildren().add(StatsView.note("p50 is the median, p95 the value 95 % of answers did better than ("
        + PERCENTILES + "). TTFT: from asking to the first token shown; tok/s: decode speed."));
    return box;
  }

  /** Per local backend: how many answers had energy, their average power, J/token, above idle, the meter. */
  static VBox energy(List<StatsReport.EnergyRow> rows) {
    GridPane grid = grid(ENERGY_ID, List.of("Backend", "With energy", "Average power", "J/token",
        "Above idle", "Measured by"));
    int r = 1;
    boolean npu = false;
    for (StatsReport.EnergyRow row : rows) {
      Double perToken = row.joulesPerToken();
      Double above = row.aboveIdleJoulesPerToken();
      grid.addRow(r++, cell(Backends.name(row.backend()), null),
          number(row.withEnergy() + " of " + row.answers()),
          number(row.averageWatts() == null ? "—" : StatsFormat.number(row.averageWatts(), 1) + " W",
              "from " + StatsView.answers(row.withWatts()) + ": their energy ÷ their time"),
          number(perToken == null ? "—" : Cost.plain(perToken),
              "from " + StatsView.answers(row.withEnergy()) + ": their energy ÷ their generated tokens"),
          number(above == null ? "—" : Cost.plain(above),
              "from " + StatsView.answers(row.withIdle()) + " that also measured the idle draw before them"),
          cell(row.sources().isEmpty() ? "—" : String.join(", ", row.sources()), null));
      npu |= Backends.NPU.equals(row.backend());
    }
    VBox box = new VBox(grid);
    box.getStyleClass().add("stats-table-box");
    box.getChildren().add(StatsView.note("Answers without an energy reading are left out, not counted as zero."
        + " Average power weighs each answer by its length (total energy ÷ total time). Above idle: minus the"
        + " machine's draw in the two seconds before the question."));
    if (npu) {
      Label note = StatsView.note(Backends.NPU_NOTE);
      note.getStyleClass().add("stats-npu-note");
      box.getChildren().add(note);
    }
    return box;
  }

  private static GridPane grid(String id, List<String> headers) {
    GridPane grid = new GridPane();
    grid.setId(id);
    grid.getStyleClass().add("stats-table");
    for (int c = 0; c < headers.size(); c++) {
      Label h = new Label(headers.get(c));
      h.getStyleClass().add("stats-table-header");
      grid.add(h, c, 0);
      ColumnConstraints cc = new ColumnConstraints();
      cc.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
      cc.setHgrow(c == 0 ? Priority.ALWAYS : Priority.NEVER);
      grid.getColumnConstraints().add(cc);
      if (c > 0) {
        GridPane.setHalignment(h, HPos.RIGHT);
      }
    }
    return grid;
  }

  private static Label cell(String text, String tip) {
    Label l = new Label(text);
    l.getStyleClass().add("stats-cell");
    if (tip != null) {
      l.setTooltip(new Tooltip(tip));
    }
    return l;
  }

  private static Label number(String text) {
    return number(text, null);
  }

  private static Label number(String text, String tip) {
    Label l = cell(text, tip);
    l.getStyleClass().add("stats-number");
    return l;
  }

  private static Label number(String text, Percentile p, int answers) {
    return number(text, p == null ? "no answer measured it" : "from " + p.count() + " of " + answers
        + " answers; " + PERCENTILES);
  }

  private static String millis(double ms) {
    return ms < 10_000 ? StatsFormat.number(ms, 0) + " ms" : StatsFormat.number(ms / 1000, 1) + " s";
  }
}
