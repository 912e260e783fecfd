package dev.pith.app.ui.sidebar;

import dev.pith.storage.model.Conversation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sorts conversations into the sidebar's sections: pinned first, then by how many calendar days ago they were last
 * updated, newest first within each section.
 *
 * <p>Days are counted between {@link LocalDate}s in the user's zone, not as 24-hour spans from now, so a chat from
 * 23:59 yesterday is "Yesterday" at 00:01, and the day a clock moves for daylight saving counts as one day like any
 * other. Pure and immutable: the sidebar makes a new one from its clock each time it lists conversations.
 */
public final class DayGroups {
  /** A section of the list, in display order. */
  public enum Group {
    PINNED("Pinned"),
    TODAY("Today"),
    YESTERDAY("Yesterday"),
    PREVIOUS_7_DAYS("Previous 7 days"),
    OLDER("Older");

    private final String label;

    Group(String label) {
      this.label = label;
    }

    /** The header shown above the section. */
    public String label() {
      return label;
    }
  }

  /** One non-empty section: its conversations newest first. */
  public record Section(Group group, List<Conversation> conversations) {
    public Section {
      Objects.requireNonNull(group, "group");
      conversations = List.copyOf(conversations);
    }
  }

  /** Newest first; equal times by id, so the order never depends on the order they came in. */
  static final Comparator<Conversation> NEWEST_FIRST =
      Comparator.comparing(Conversation::updated).reversed().thenComparing(Conversation::id);

  private final LocalDate today;
  private final ZoneId zone;

  /** Groups relative to {@code today} in {@code zone}. */
  public DayGroups(LocalDate today, ZoneId zone) {
    this.today = Objects.requireNonNull(today, "today");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Groups relative to the clock's current day in {@code zone}. */
  public static DayGroups now(Clock clock, ZoneId zone) {
    return new DayGroups(LocalDate.ofInstant(clock.instant(), zone), zone);
  }

  /**
   * The section of a conversation. One updated "in the future" (a clock set back since) counts as today: it is
   * recent, and hiding it in "Older" would lose it.
   */
  public Group groupOf(Conversation conversation) {
    if (conversation.pinned()) {
      return Group.PINNED;
    }
    return groupOf(conversation.updated());
  }

  /** The day section of an update time, ignoring pins. */
  public Group groupOf(Instant updated) {
    long daysAgo = ChronoUnit.DAYS.between(LocalDate.ofInstant(updated, zone), today);
    if (daysAgo <= 0) {
      return Group.TODAY;
    } else if (daysAgo == 1) {
      return Group.YESTERDAY;
    } else if (daysAgo <= 7) {
      return Group.PREVIOUS_7_DAYS;
    }
    return Group.OLDER;
  }

  /** The non-empty sections in {@link Group} order, each sorted newest first; the input may be in any order. */
  public List<Section> sections(List<Conversation> conversations) {
    Map<Group, List<Conversation>> byGroup = new EnumMap<>(Group.class);
    for (Conversation conversation : conversations) {
      byGroup.computeIfAbsent(groupOf(conversation), g -> new ArrayList<>()).add(conversation);
    }
    List<Section> sections = new ArrayList<>(byGroup.size());
    byGroup.forEach((group, members) -> {
      members.sort(NEWEST_FIRST);
      sections.add(new Section(group, members));
    });
    return sections;
  }
}
