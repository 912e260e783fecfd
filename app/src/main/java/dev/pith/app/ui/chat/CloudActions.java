package dev.pith.app.ui.chat;

import dev.pith.app.CloudHint;
import dev.pith.storage.model.Message;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

/**
 * The "Ask the cloud" action as the thread's messages see it (DESIGN.md "Cloud escalation"). The window has none
 * in kiosk mode: the messages then show no trace of the cloud.
 */
public interface CloudActions {
  /** Whether the cloud may be asked now (on, with an endpoint and a key): the action shows only then. */
  ObservableBooleanValue available();

  /**
   * Why {@code answer} is worth asking the cloud about, following the model's history as it is read; null when
   * nothing stands out. The caller keeps the value it gets for as long as it shows the answer.
   */
  ObservableValue<CloudHint> hint(Message answer);

  /** Opens the preview of what asking the cloud about {@code answer} would send. Sends nothing. */
  void ask(ThreadItem answer);
}
