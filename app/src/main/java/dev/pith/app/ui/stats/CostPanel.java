package dev.pith.app.ui.stats;

import atlantafx.base.theme.Styles;
import dev.pith.app.ui.settings.NumberInput;
import dev.pith.app.ui.settings.NumberRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * What an answer costs: the two prices (editable here, kept by {@link CostStore}) and, per local backend with
 * energy readings, the electricity for a million generated tokens with its sum written out, beside the cloud price
 * the user typed. FX thread only.
 */
final class CostPanel extends VBox {
  static final String ID = "stats-cost";
  static final String ELECTRICITY_ID = "stats-price-electricity";
  static final String CLOUD_ID = "stats-price-cloud";
  static final String LINES_ID = "stats-cost-lines";
  static final String CLOUD_LINE_ID = "stats-cost-cloud";

  private final NumberInput electricity;
  private final NumberInput cloud;
  private final VBox lines = new VBox();
  private final Label cloudLine = new Label();
  private CostPrefs prefs = CostPrefs.DEFAULT;
  private List<StatsReport.EnergyRow> energy = List.of();

  /** @param save keeps the prices (on the database's writer thread) */
  CostPanel(Consumer<CostPrefs> save) {
    Objects.requireNonNull(save, "save");
    electricity = NumberInput.live(ELECTRICITY_ID, "Electricity price per kWh", CostPrefs.ELECTRICITY, false,
        v -> use(prefs.withElectricity(v)), v -> save.accept(prefs));
    cloud = NumberInput.live(CLOUD_ID, "Cloud price per 1 million tokens", CostPrefs.CLOUD, true,
        v -> use(prefs.withCloud(v)), v -> save.accept(prefs));
    setId(ID);
    getStyleClass().add("stats-card");
    Label title = new Label("What an answer costs");
    title.getStyleClass().addAll(Styles.TITLE_4, "stats-section");
    Label intro = StatsView.note("Electricity only, from the energy measured per generated token (prefill"
        + " included), in your own currency. The machine, its cooling and your time are not in it.");

    GridPane prices = new GridPane();
    prices.getStyleClass().add("stats-prices");
    prices.addRow(0, label("Electricity, per kWh", electricity), electricity.field(), electricity.error());
    prices.addRow(1, label("Cloud model, per 1M tokens", cloud), cloud.field(), cloud.error());

    lines.setId(LINES_ID);
    lines.getStyleClass().add("stats-cost-lines");
    cloudLine.setId(CLOUD_LINE_ID);
    cloudLine.setWrapText(true);
    getChildren().addAll(title, intro, prices, lines);
  }

  private static Label label(String text, NumberInput field) {
    Label l = new Label(text);
    l.setLabelFor(field.field());
    l.getStyleClass().add("stats-price-name");
    l.setAlignment(Pos.CENTER_LEFT);
    return l;
  }

  /** Shows the saved prices and the costs of {@code rows}. */
  void show(CostPrefs saved, List<StatsReport.EnergyRow> rows) {
    prefs = Objects.requireNonNull(saved, "saved");
    energy = List.copyOf(rows);
    electricity.show(saved.electricityPerKwh());
    cloud.show(saved.cloudPer1MTokens());
    refresh();
  }

  /** Saves what is typed and valid (the page is being left). */
  void commit() {
    electricity.commit();
    cloud.commit();
  }

  CostPrefs prefs() {
    return prefs;
  }

  private void use(CostPrefs next) {
    prefs = next;
    refresh();
  }

  private void refresh() {
    List<Node> out = new ArrayList<>();
    boolean npu = false;
    for (StatsReport.EnergyRow row : energy) {
      Double perToken = row.joulesPerToken();
      Label line;
      if (perToken == null) {
        line = new Label(Backends.name(row.backend()) + ": no answer measured its energy yet, so no cost.");
      } else {
        line = new Label(Backends.name(row.backend()) + ": " + Cost.formula(perToken, prefs.electricityPerKwh())
            + " (from " + StatsView.answers(row.withEnergy()) + ")");
        line.getStyleClass().add("stats-formula");
      }
      line.setWrapText(true);
      out.add(line);
      npu |= Backends.NPU.equals(row.backend()) && perToken != null;
    }
    if (energy.isEmpty()) {
      out.add(new Label("No answer of this machine yet, so no local cost."));
    }
    if (npu) {
      out.add(StatsView.note("NPU: the Hailo-10H's own draw is not measured, so its true cost is higher than"
          + " this (see Power and energy)."));
    }
    Double price = prefs.cloudPer1MTokens();
    cloudLine.setText(price == null ? "Cloud: enter your cloud price to compare."
        : "Cloud: " + NumberRange.format(price) + " per 1M tokens (the price you entered).");
    out.add(cloudLine);
    lines.getChildren().setAll(out);
  }
}
