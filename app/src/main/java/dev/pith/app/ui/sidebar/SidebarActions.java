package dev.pith.app.ui.sidebar;

import dev.pith.storage.model.SearchHit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What the sidebar asks the window to do. The sidebar only asks: it changes what it shows when the window answers
 * through {@link Sidebar#setConversations} and {@link Sidebar#select}, so the database stays the one source of truth.
 * All calls on the FX thread.
 */
public interface SidebarActions {
  void newChat();

  void open(UUID conversationId);

  /** A search hit was chosen: open that conversation at that message. */
  void openMessage(UUID conversationId, UUID messageId);

  /** {@code title} is trimmed, non-blank and differs from the current title. */
  void rename(UUID conversationId, String title);

  void setPinned(UUID conversationId, boolean pinned);

  /** The window removes it and offers Undo. */
  void delete(UUID conversationId);

  /**
   * Full-text search, run off the FX thread by the window; snippets mark matches with {@link Sidebar#MARK_OPEN} and
   * {@link Sidebar#MARK_CLOSE}. The future may complete on any thread; a failed one is shown as "Search failed".
   */
  CompletableFuture<List<SearchHit>> search(String text);

  /** The Settings entry at the sidebar's foot was chosen. */
  void openSettings();
}
