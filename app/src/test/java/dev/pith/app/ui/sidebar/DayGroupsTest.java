package dev.pith.app.ui.sidebar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pith.app.ui.sidebar.DayGroups.Group;
import dev.pith.app.ui.sidebar.DayGroups.Section;
import dev.pith.storage.model.Conversation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Grouping by calendar day in the user's zone, and the order within and between groups. */
class DayGroupsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void localMidnightIsTheEdgeBetweenTodayAndYesterday() {
    DayGroups groups = new DayGroups(LocalDate.of(2026, 3, 10), BERLIN);

    assertEquals(Group.TODAY, groups.groupOf(berlin("2026-03-10T00:00:00")));
    assertEquals(Group.YESTERDAY, groups.groupOf(berlin("2026-03-09T23:59:59.999")));
    assertEquals(Group.YESTERDAY, groups.groupOf(berlin("2026-03-09T00:00:00")));
    assertEquals(Group.PREVIOUS_7_DAYS, groups.groupOf(berlin("2026-03-08T23:59:59")));
  }

  @Test
  void previousSevenDaysEndsAtTheStartOfTheSeventhDayBefore() {
    DayGroups groups = new DayGroups(LocalDate.of(2026, 3, 10), BERLIN);

    assertEquals(Group.PREVIOUS_7_DAYS, groups.groupOf(berlin("2026-03-03T00:00:00")));
    assertEquals(Group.OLDER, groups.groupOf(berlin("2026-03-02T23:59:59")));
    assertEquals(Group.OLDER, groups.groupOf(berlin("1999-12-31T12:00:00")));
  }

  @Test
  void theDayClocksSpringForwardIsStillOneDay() {
    // 2026-03-29 has 23 hours in Berlin. At 00:10 on the 30th, 00:30 on the 29th is under 24 hours ago,
    // yet it is yesterday; and the 28th, more than 24 hours ago, is the day before yesterday.
    Instant now = berlin("2026-03-30T00:10:00");
    DayGroups groups = DayGroups.now(Clock.fixed(now, ZoneOffset.UTC), BERLIN);

    assertEquals(Group.TODAY, groups.groupOf(berlin("2026-03-30T00:00:00")));
    assertEquals(Group.YESTERDAY, groups.groupOf(berlin("2026-03-29T00:30:00")));
    assertEquals(Group.YESTERDAY, groups.groupOf(berlin("2026-03-29T03:30:00")));
    assertEquals(Group.PREVIOUS_7_DAYS, groups.groupOf(berlin("2026-03-28T23:59:00")));
  }

  @Test
  void theDayClocksFallBackIsStillOneDay() {
    // 2026-10-25 has 25 hours in Berlin: 23:30 that day is yesterday at 00:30 on the 26th, not "25 hours ago".
    DayGroups groups = DayGroups.now(Clock.fixed(berlin("2026-10-26T23:50:00"), ZoneOffset.UTC), BERLIN);

    assertEquals(Group.TODAY, groups.groupOf(berlin("2026-10-26T00:00:00")));
    assertEquals(Group.YESTERDAY, groups.groupOf(berlin("2026-10-25T00:00:00")));
    assertEquals(Group.PREVIOUS_7_DAYS, groups.groupOf(berlin("2026-10-24T23:59:00")));
  }

  @Test
  void theDayIsTheUsersNotTheClocks() {
    Instant now = Instant.parse("2026-03-11T00:30:00Z");
    Instant lateLastNightInLondon = Instant.parse("2026-03-10T23:30:00Z");
    Clock utcClock = Clock.fixed(now, ZoneOffset.UTC);

    assertEquals(Group.YESTERDAY, DayGroups.now(utcClock, ZoneOffset.UTC).groupOf(lateLastNightInLondon));
    assertEquals(Group.TODAY, DayGroups.now(utcClock, ZoneId.of("Asia/Tokyo")).groupOf(lateLastNightInLondon));
    assertEquals(Group.TODAY, DayGroups.now(utcClock.withZone(ZoneId.of("America/New_York")), ZoneId.of("Asia/Tokyo"))
        .groupOf(lateLastNightInLondon));
  }

  @Test
  void anUpdateInTheFutureCountsAsToday() {
    DayGroups groups = new DayGroups(LocalDate.of(2026, 3, 10), BERLIN);

    assertEquals(Group.TODAY, groups.groupOf(berlin("2026-03-12T09:00:00")));
  }

  @Test
  void pinnedComeFirstWhateverTheirAge() {
    DayGroups groups = new DayGroups(LocalDate.of(2026, 3, 10), BERLIN);

    assertEquals(Group.PINNED, groups.groupOf(conversation("old pin", "2020-01-01T10:00:00", true)));
    assertEquals(Group.PINNED, groups.groupOf(conversation("new pin", "2026-03-10T10:00:00", true)));
    assertEquals(Group.TODAY, groups.groupOf(conversation("today", "2026-03-10T10:00:00", false)));
  }

  @Test
  void sectionsComeInGroupOrderNewestFirstAndEmptyOnesAreLeftOut() {
    Conversation oldPin = conversation("old pin", "2025-06-01T10:00:00", true);
    Conversation newPin = conversation("new pin", "2026-03-09T10:00:00", true);
    Conversation morning = conversation("morning", "2026-03-10T08:00:00", false);
    Conversation noon = conversation("noon", "2026-03-10T12:00:00", false);
    Conversation lastWeek = conversation("last week", "2026-03-05T12:00:00", false);
    Conversation ancient = conversation("ancient", "2024-01-01T12:00:00", false);
    List<Conversation> all = new ArrayList<>(List.of(oldPin, newPin, morning, noon, lastWeek, ancient));
    Collections.shuffle(all, new Random(7));

    List<Section> sections = new DayGroups(LocalDate.of(2026, 3, 10), BERLIN).sections(all);

    assertEquals(List.of(
        new Section(Group.PINNED, List.of(newPin, oldPin)),
        new Section(Group.TODAY, List.of(noon, morning)),
        new Section(Group.PREVIOUS_7_DAYS, List.of(lastWeek)),
        new Section(Group.OLDER, List.of(ancient))), sections);
  }

  @Test
  void equalTimesAreOrderedByIdSoTheInputOrderDoesNotShow() {
    Instant same = berlin("2026-03-10T09:00:00");
    UUID low = new UUID(0, 1);
    UUID high = new UUID(0, 2);
    Conversation a = new Conversation(high, "a", same, same, false, false);
    Conversation b = new Conversation(low, "b", same, same, false, false);
    DayGroups groups = new DayGroups(LocalDate.of(2026, 3, 10), BERLIN);

    assertEquals(List.of(b, a), groups.sections(List.of(a, b)).get(0).conversations());
    assertEquals(List.of(b, a), groups.sections(List.of(b, a)).get(0).conversations());
  }

  @Test
  void noConversationsNoSections() {
    assertEquals(List.of(), new DayGroups(LocalDate.of(2026, 3, 10), BERLIN).sections(List.of()));
  }

  private static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  private static Conversation conversation(String title, String updatedInBerlin, boolean pinned) {
    Instant updated = berlin(updatedInBerlin);
    return new Conversation(UUID.randomUUID(), title, updated.minusSeconds(60), updated, pinned, false);
  }
}
