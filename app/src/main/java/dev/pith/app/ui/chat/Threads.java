package dev.pith.app.ui.chat;

import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the thread on screen from the stored path and the conversation's tree. */
final class Threads {
  private Threads() {}

  /**
   * The items for {@code path} (first message first), each with its versions: the messages that share its
   * parent in {@code links}, in the order written.
   */
  static List<ThreadItem> items(List<Message> path, List<MessageLink> links) {
    Map<UUID, List<UUID>> byParent = new HashMap<>();
    for (MessageLink link : links) {
      byParent.computeIfAbsent(link.parentId(), k -> new ArrayList<>()).add(link.id());
    }
    List<ThreadItem> items = new ArrayList<>(path.size());
    for (Message m : path) {
      List<UUID> siblings = byParent.getOrDefault(m.parentId(), List.of());
      items.add(siblings.contains(m.id()) ? new ThreadItem(m, siblings, null) : ThreadItem.single(m));
    }
    return items;
  }
}
