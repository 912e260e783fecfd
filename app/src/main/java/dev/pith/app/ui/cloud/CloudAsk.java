package dev.pith.app.ui.cloud;

import dev.pith.app.CloudHint;
import dev.pith.app.cloud.Escalation;
import dev.pith.app.cloud.Preview;
import dev.pith.app.ui.chat.ChatController;
import dev.pith.app.ui.chat.CloudActions;
import dev.pith.app.ui.chat.ThreadItem;
import dev.pith.storage.Database;
import dev.pith.storage.dao.AnswerStatsDao;
import dev.pith.storage.model.MeasuredAnswer;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's side of "Ask the cloud" (DESIGN.md "Cloud escalation"): whether the action shows (read off the FX
 * thread with {@link Escalation#unavailable()}, again whenever {@link #refresh} is called), each answer's hint
 * ({@link CloudHint} against the same model's recent answers, read once per refresh), and the preview that the
 * action opens. Only the preview's Send reaches {@link ChatController#askCloud}. Never built in kiosk mode.
 * FX thread only.
 */
public final class CloudAsk implements CloudActions {
  private static final Logger LOG = LoggerFactory.getLogger(CloudAsk.class);
  /** How far back a model's usual confidence is read. */
  static final Duration HISTORY = Duration.ofDays(90);
  static final int HISTORY_LIMIT = 5000;

  private final Database db;
  private final Escalation escalation;
  private final ChatController controller;
  private final Executor io;
  private final Overlay overlay;
  private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
  private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper(this, "unavailable", "");
  /** Each model's recent answers' mean log-probabilities, by model id; replaced whole at each refresh. */
  private final ReadOnlyObjectWrapper<Map<String, double[]>> usual = new ReadOnlyObjectWrapper<>(this, "usual",
      Map.of());
  private PreviewDialog open;

  /** Where the preview is laid: over the whole window, the rest of it unreachable meanwhile. */
  public interface Overlay {
    void show(Node dialog);

    void hide(Node dialog);
  }

  public CloudAsk(Database db, Escalation escalation, ChatController controller, Overlay overlay) {
    this.db = Objects.requireNonNull(db, "db");
    this.escalation = Objects.requireNonNull(escalation, "escalation");
    this.controller = Objects.requireNonNull(controller, "controller");
    this.io = controller.io();
    this.overlay = Objects.requireNonNull(overlay, "overlay");
  }

  /** Reads again whether the cloud may be asked and the models' usual confidence (settings changed, an answer). */
  public void refresh() {
    record State(Optional<String> unavailable, Map<String, double[]> usual) {}
    try {
      CompletableFuture.supplyAsync(() -> new State(escalation.unavailable(), readUsual()), io)
          .whenCompleteAsync((state, failure) -> {
            if (failure != null) {
              LOG.warn("cannot tell whether the cloud may be asked", failure);
              available.set(false);
              return;
            }
            unavailable.set(state.unavailable().orElse(""));
            available.set(state.unavailable().isEmpty());
            usual.set(state.usual());
          }, Platform::runLater);
    } catch (RejectedExecutionException e) {
      // the window is closing
    }
  }

  /** Why the cloud may not be asked now, one line; empty when it may. */
  public ReadOnlyStringProperty unavailableProperty() {
    return unavailable.getReadOnlyProperty();
  }

  @Override
  public ObservableBooleanValue available() {
    return available.getReadOnlyProperty();
  }

  @Override
  public ObservableValue<CloudHint> hint(Message answer) {
    return Bindings.createObjectBinding(() -> answer.role() != Role.ASSISTANT ? null
        : CloudHint.of(answer.metrics(), usual.get().getOrDefault(answer.modelId(), new double[0])).orElse(null),
        usual);
  }

  @Override
  public void ask(ThreadItem answer) {
    if (!available.get() || controller.busyProperty().get() || open != null
        || answer.message().role() != Role.ASSISTANT) {
      return;
    }
    List<ThreadItem> thread = controller.thread();
    int index = thread.indexOf(answer);
    int exchanges = 0;
    for (int i = 0; i <= index; i++) {
      exchanges += thread.get(i).message().role() == Role.USER ? 1 : 0;
    }
    open = new PreviewDialog(escalation, answer.message().conversationId(), answer.id(), Math.max(1, exchanges),
        io, new PreviewDialog.Choice() {
          @Override
          public void send(Preview preview) {
            close();
            if (!controller.askCloud(escalation, preview)) {
              controller.showProblem("Nothing was sent: the answer is no longer on screen, or another answer is"
                  + " running.");
            }
          }

          @Override
          public void cancel() {
            close();
          }
        });
    overlay.show(open);
    open.start();
  }

  /** The preview on screen, if one is. */
  public Optional<PreviewDialog> dialog() {
    return Optional.ofNullable(open);
  }

  private void close() {
    if (open != null) {
      PreviewDialog dialog = open;
      open = null;
      overlay.hide(dialog);
    }
  }

  /** On the io thread. */
  private Map<String, double[]> readUsual() {
    Instant from = db.clock().instant().minus(HISTORY);
    List<MeasuredAnswer> answers = db.read(c -> new AnswerStatsDao(c).since(from, HISTORY_LIMIT));
    Map<String, List<Double>> byModel = new HashMap<>();
    for (MeasuredAnswer a : answers) {
      Double mean = a.metrics().meanLogprob();
      if (mean != null && a.modelId() != null && !Escalation.BACKEND.equals(a.backend())) {
        byModel.computeIfAbsent(a.modelId(), k -> new ArrayList<>()).add(mean);
      }
    }
    Map<String, double[]> out = new HashMap<>();
    byModel.forEach((model, means) -> out.put(model, means.stream().mapToDouble(Double::doubleValue).toArray()));
    return Map.copyOf(out);
  }
}
