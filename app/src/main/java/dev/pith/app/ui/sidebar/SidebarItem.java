package dev.pith.app.ui.sidebar;

import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.SearchHit;
import java.util.Objects;

/**
 * One line of the sidebar's list. The list holds either headers and conversation rows (browsing) or search hits
 * (searching), never a mix; only rows and hits can be selected.
 */
sealed interface SidebarItem {
  /** What untitled conversations are called, in rows and hits alike. */
  String UNTITLED = "New chat";

  /** Whether keyboard and mouse may land here; headers are only labels. */
  default boolean selectable() {
    return true;
  }

  /** A section label such as "Today". */
  record Header(DayGroups.Group group) implements SidebarItem {
    public Header {
      Objects.requireNonNull(group, "group");
    }

    @Override
    public boolean selectable() {
      return false;
    }
  }

  /** A conversation while browsing. */
  record Row(Conversation conversation) implements SidebarItem {
    public Row {
      Objects.requireNonNull(conversation, "conversation");
    }

    String title() {
      return displayTitle(conversation.title());
    }
  }

  /** A matching message while searching. */
  record Hit(SearchHit hit) implements SidebarItem {
    public Hit {
      Objects.requireNonNull(hit, "hit");
    }

    String title() {
      return displayTitle(hit.conversationTitle());
    }
  }

  static String displayTitle(String title) {
    return title == null || title.isBlank() ? UNTITLED : title.strip();
  }
}
