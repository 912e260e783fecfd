package dev.pith.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.pith.inference.hailo.HailoDevices;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Settings → Backend: where the model runs (Auto, NPU, CPU), the CPU threads, and what Pith found on this
 * machine, with a line that says what the choice means here. A change of where or how the model runs reloads it.
 */
public final class BackendPage implements SettingsPage {
  public static final String CHOICE_ID_PREFIX = "setting-backend-";
  public static final String THREADS_ID = "setting-threads";
  public static final String OUTCOME_ID = "backend-outcome";
  public static final String NPU_ID = "hardware-npu";
  public static final String CPU_ID = "hardware-cpu";
  public static final String MEMORY_ID = "hardware-memory";
  public static final String SYSTEM_ID = "hardware-system";

  private final SettingsContext context;
  private final ToggleGroup choices = new ToggleGroup();
  private final Map<BackendPrefs.Choice, RadioButton> buttons = new EnumMap<>(BackendPrefs.Choice.class);
  private final Label outcome = new Label();
  private final NumberInput threads;
  private final Label cpu = new Label("…");
  private final Label memory = new Label("…");
  private final Label system = new Label("…");
  private final Label npu = new Label("Looking…");
  private final VBox view;
  /** What was found; null until the first look. */
  private Hardware hardware;

  public BackendPage(SettingsContext context) {
    this.context = context;
    threads = new NumberInput(THREADS_ID, "CPU threads", BackendPrefs.THREADS,
        v -> context.applyBackend().accept(context.store().backend().withThreads((int) v)));
    VBox group = new VBox(8);
    group.getChildren().addAll(
        choice(BackendPrefs.Choice.AUTO, "The NPU when Pith can use one, else the CPU."),
        choice(BackendPrefs.Choice.NPU, "The Hailo-10H on the Raspberry Pi AI HAT+ 2."),
        choice(BackendPrefs.Choice.CPU, "ONNX Runtime on the processor. Works on every computer."));
    outcome.setId(OUTCOME_ID);
    outcome.getStyleClass().add("settings-outcome");
    outcome.setWrapText(true);
    outcome.setMinHeight(Label.USE_PREF_SIZE);
    outcome.setGraphic(new FontIcon(Feather.INFO));
    cpu.setId(CPU_ID);
    memory.setId(MEMORY_ID);
    system.setId(SYSTEM_ID);
    npu.setId(NPU_ID);
    view = Form.page("Backend", "Where the model runs. A change reloads the model; the conversation stays.");
    view.getChildren().addAll(
        Form.section("Run on"), group, outcome,
        Form.row("CPU threads", "0 – 64, default 0: automatic (" + autoThreads() + " here). More threads answer"
            + " faster up to the number of cores.", threads),
        Form.section("This computer"),
        Form.fact("Processor", cpu), Form.fact("Memory", memory), Form.fact("System", system),
        Form.fact("NPU", npu));
    choices.selectedToggleProperty().addListener((o, before, now) -> {
      if (now != null) {
        BackendPrefs.Choice chosen = (BackendPrefs.Choice) now.getUserData();
        context.applyBackend().accept(context.store().backend().withBackend(chosen));
        showOutcome();
      }
    });
  }

  private VBox choice(BackendPrefs.Choice choice, String description) {
    VBox box = Form.choice(choices, CHOICE_ID_PREFIX + choice.id(), choice, choice.label(), description);
    buttons.put(choice, Form.button(box));
    return box;
  }

  private int autoThreads() {
    return context.app().cpu().withThreads(0).effectiveThreads();
  }

  @Override
  public String title() {
    return "Backend";
  }

  @Override
  public Feather icon() {
    return Feather.CPU;
  }

  @Override
  public Node view() {
    return view;
  }

  @Override
  public void shown() {
    BackendPrefs prefs = context.store().backend();
    buttons.get(prefs.backend()).setSelected(true);
    threads.show(prefs.threads());
    showOutcome();
    CompletableFuture.supplyAsync(() -> Hardware.probe(context.app().environment()), context.io())
        .thenAcceptAsync(this::showHardware, Platform::runLater);
  }

  @Override
  public void leaving() {
    threads.commit();
  }

  private void showHardware(Hardware found) {
    hardware = found;
    String name = found.cpu().isEmpty() ? "Processor" : found.cpu();
    cpu.setText(name + ", " + found.cores() + (found.cores() == 1 ? " core" : " cores")
        + (found.board().isEmpty() ? "" : " (" + found.board() + ")"));
    memory.setText(found.memoryBytes() > 0
        ? String.format(Locale.ROOT, "%.1f GB", found.memoryBytes() / 1e9) : "Unknown");
    system.setText(found.system().strip() + " (" + found.arch() + ")");
    npu.setText(found.npus().isEmpty() ? "None found (no Hailo device on the PCI bus)"
        : String.join(", ", found.npus().stream().map(BackendPage::describe).toList()));
    showOutcome();
  }

  /** What the choice means on this machine, in one line. */
  private void showOutcome() {
    BackendPrefs.Choice chosen = context.store().backend().backend();
    boolean found = hardware != null && !hardware.npus().isEmpty();
    String device = found ? hardware.npus().get(0).name() : "";
    String text = switch (chosen) {
      case CPU -> "Answers run on the CPU.";
      case AUTO -> found
          ? "A " + device + " was found: answers run on it when hailo-ollama serves the model (the status bar's"
              + " badge says NPU), else on the CPU. pith doctor shows each step."
          : "No NPU was found on this computer: answers run on the CPU.";
      case NPU -> found
          ? "Answers run on the " + device + " through hailo-ollama; when it cannot serve the model, the model"
              + " does not load and the window says why."
          : "The NPU is not available here: no Hailo device was found. Choose Auto or CPU.";
    };
    outcome.setText(text);
    outcome.pseudoClassStateChanged(Styles.STATE_DANGER, chosen == BackendPrefs.Choice.NPU && !found);
  }

  private static String describe(HailoDevices.Device d) {
    return d.name() + " at PCI " + d.address();
  }
}
