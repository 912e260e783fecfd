package dev.pith.app.ui.sidebar;

import dev.pith.storage.model.Conversation;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The inline rename in progress, if any: which conversation, and the text typed so far.
 *
 * <p>The state lives here rather than in a cell because cells are recycled as the list scrolls: whichever cell shows
 * the conversation binds its own text field to {@link #draft()}, so scrolling away and back keeps what was typed.
 * FX thread only.
 */
final class Renamer {
  private final ReadOnlyObjectWrapper<UUID> target = new ReadOnlyObjectWrapper<>(this, "target");
  private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
  private final BiConsumer<UUID, String> rename;
  private final Runnable finished;
  private String original = "";

  /**
   * @param rename receives a committed title: stripped, non-blank and changed
   * @param finished runs after every commit or cancel, before {@code rename}, to put focus back on the list
   */
  Renamer(BiConsumer<UUID, String> rename, Runnable finished) {
    this.rename = Objects.requireNonNull(rename, "rename");
    this.finished = Objects.requireNonNull(finished, "finished");
  }

  /** The conversation being renamed, or null. */
  ReadOnlyObjectProperty<UUID> targetProperty() {
    return target.getReadOnlyProperty();
  }

  boolean isRenaming(UUID conversationId) {
    return conversationId != null && conversationId.equals(target.get());
  }

  StringProperty draft() {
    return draft;
  }

  /** Starts renaming {@code conversation}, dropping any other rename in progress. */
  void start(Conversation conversation) {
    original = conversation.title().strip();
    draft.set(original);
    target.set(conversation.id());
  }

  /** Ends the rename; a blank or unchanged title changes nothing. No-op when not renaming. */
  void commit() {
    UUID id = target.get();
    if (id == null) {
      return;
    }
    String title = draft.get() == null ? "" : draft.get().strip();
    end();
    if (!title.isEmpty() && !title.equals(original)) {
      rename.accept(id, title);
    }
  }

  /** Ends the rename without renaming. No-op when not renaming. */
  void cancel() {
    if (target.get() != null) {
      end();
    }
  }

  private void end() {
    target.set(null);
    finished.run();
  }
}
