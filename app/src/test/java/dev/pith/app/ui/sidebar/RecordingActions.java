package dev.pith.app.ui.sidebar;

import dev.pith.storage.model.SearchHit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The window's side of the sidebar, for tests: records each call, and hands out searches the test answers. */
final class RecordingActions implements SidebarActions {
  /** One search the sidebar asked for; the test completes {@code answer}. */
  record Search(String text, CompletableFuture<List<SearchHit>> answer) {}

  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<Search> searches = new CopyOnWriteArrayList<>();

  @Override
  public void newChat() {
    calls.add("newChat");
  }

  @Override
  public void open(UUID conversationId) {
    calls.add("open " + conversationId);
  }

  @Override
  public void openMessage(UUID conversationId, UUID messageId) {
    calls.add("openMessage " + conversationId + " " + messageId);
  }

  @Override
  public void rename(UUID conversationId, String title) {
    calls.add("rename " + conversationId + " " + title);
  }

  @Override
  public void setPinned(UUID conversationId, boolean pinned) {
    calls.add("setPinned " + conversationId + " " + pinned);
  }

  @Override
  public void delete(UUID conversationId) {
    calls.add("delete " + conversationId);
  }

  @Override
  public CompletableFuture<List<SearchHit>> search(String text) {
    CompletableFuture<List<SearchHit>> answer = new CompletableFuture<>();
    searches.add(new Search(text, answer));
    calls.add("search " + text);
    return answer;
  }

  @Override
  public void openSettings() {
    calls.add("openSettings");
  }
}
