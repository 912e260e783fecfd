package dev.pith.storage.dao;

import dev.pith.storage.model.Role;
import dev.pith.storage.model.SearchHit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Full-text search over every message of every conversation.
 *
 * <p>Every word or "quoted phrase" the user typed must match. The order is FTS5's bm25 relevance, bounded so
 * that one search costs about the same on a million messages as on a thousand (storage/BENCHMARKS.md):
 *
 * <ul>
 *   <li>Only the newest {@link #CANDIDATES} matches are ranked: a query matching more shows the most
 *       relevant of its newest matches. One matching fewer is ranked whole, as {@code ORDER BY rank} would.
 *   <li>A phrase with no word rarer than about {@link #COMMON} messages ("the", "as to that") does not weigh
 *       in the order. To weigh a phrase, bm25 first counts the messages that contain it, and FTS5 counts by
 *       walking every message that holds all its words: for "the", nearly all of them; and bm25 would then
 *       give "the" next to no weight. Such a phrase still has to match, but is marked in the snippet
 *       only when nothing rarer was typed. A query made only of such phrases lists its newest matches
 *       first.
 * </ul>
 *
 * How common a word is comes from how densely its newest {@link #PROBE} matches lie among the newest
 * messages. FTS5 is only ever asked for rowid ranges: a list of rowids would rerun the whole query (and
 * bm25's count) once per rowid.
 */
public final class SearchDao {
  /** The most matches ranked per search (bm25 costs 10-30 us a row here, most of it reading its length). */
  static final int CANDIDATES = 200;
  /** A word in more messages than this does not weigh in the order (counting it takes ~3 ms here). */
  static final long COMMON = 50_000;
  /**
   * Counting a phrase of several words seeks in the others' lists at each message holding its rarest word:
   * about this many times the cost of counting one word.
   */
  static final int PHRASE_COST = 25;
  /** The rows searched newest first before the rest is read in rowid order, in ever wider windows. */
  static final int FIRST_WINDOW = 4_096;
  /** Hits at most this many rows apart are read by one statement. */
  static final int NEAR = 1_024;
  /** How many of a word's newest matches tell how common it is. */
  static final int PROBE = 100;

  private static final String SPAN = "SELECT count(*), min(rowid) FROM (SELECT rowid FROM message_search"
      + " WHERE message_search MATCH ? AND rowid >= ? ORDER BY rowid DESC LIMIT ?)";
  /**
   * Matches with what a hit shows; parameters: snippet open, close, the MATCH expression. SQLite computes
   * the snippet only for rows it returns; CROSS JOIN keeps the search the outer loop, so FTS5 still orders
   * the rows itself (by rank or rowid) and a LIMIT stops it.
   */
  private static final String HITS = "SELECT message_search.rowid AS seq, m.id, m.conversation_id, m.role,"
      + " m.created, c.title, snippet(message_search, 0, ?, ?, '…', 16) AS snippet"
      + " FROM message_search"
      + " CROSS JOIN messages m ON m.seq = message_search.rowid"
      + " CROSS JOIN conversations c ON c.id = m.conversation_id"
      + " WHERE message_search MATCH ?";

  private final Connection connection;
  private final int candidates;
  private final long common;
  private final int probe;

  public SearchDao(Connection connection) {
    this(connection, CANDIDATES, COMMON, PROBE);
  }

  /** With other bounds, for tests on a few messages. */
  SearchDao(Connection connection, int candidates, long common, int probe) {
    if (candidates < 1 || probe < 1) {
      throw new IllegalArgumentException("candidates and probe must be positive");
    }
    this.connection = connection;
    this.candidates = candidates;
    this.common = common;
    this.probe = probe;
  }

  /**
   * The best matches for what the user typed, best first (see the class comment for what "best" is on a
   * large history). Matched words in the snippet are wrapped in {@code open} and {@code close}. Text with
   * nothing searchable in it finds nothing.
   */
  public List<SearchHit> search(String userText, int limit, String open, String close) throws SQLException {
    List<String> phrases = SearchQuery.phrases(userText);
    if (phrases.isEmpty() || limit <= 0) {
      return List.of();
    }
    String all = String.join(" ", phrases);
    long newest = newestRowid();
    Map<String, Long> estimates = new HashMap<>();
    List<String> weighed = weighable(phrases, newest, estimates);
    if (weighed.isEmpty()) {
      // The newest matches, found and read in one statement (one FTS5 start; each costs a seek in every
      // segment of every word's list).
      try (PreparedStatement ps = connection.prepareStatement(
          HITS + " ORDER BY message_search.rowid DESC LIMIT ?")) {
        ps.setString(1, open);
        ps.setString(2, close);
        ps.setString(3, all);
        ps.setInt(4, limit);
        List<SearchHit> hits = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            hits.add(hit(rs));
          }
        }
        return hits;
      }
    }
    int window = Math.max(candidates, limit);
    // Fewer matches than the window (a word is in fewer messages): read them all in rowid order.
    boolean few = estimates.values().stream().anyMatch(e -> e <= window);
    long[] matches = few ? newestOfAll(all, window) : newest(all, window, newest);
    if (matches.length == 0) {
      return List.of();
    }
    // The snippets mark the weighed phrases only: FTS5 picks the part of a message with the most marked
    // words, and a part full of "the" is not the part the user looks for.
    return order(String.join(" ", weighed), weighed.size() == phrases.size(), matches, limit, open, close);
  }

  /**
   * The phrases that weigh in the order: a word in at most {@link #COMMON} messages (for a phrase of several
   * words, its rarest in {@link #PHRASE_COST} times fewer). Fills {@code estimates}: word to about how many
   * messages hold it (none when the history is too small for any word to be too common).
   */
  private List<String> weighable(List<String> phrases, long newest, Map<String, Long> estimates)
      throws SQLException {
    if (newest <= common) {
      return phrases; // not enough messages for any word to be too common
    }
    List<String> weighed = new ArrayList<>();
    for (String phrase : phrases) {
      long rarest = Long.MAX_VALUE;
      List<String> words = SearchQuery.words(phrase);
      for (String word : words) {
        String key = word.toLowerCase(Locale.ROOT);
        Long estimate = estimates.get(key);
        if (estimate == null) {
          estimate = estimatedMatches(word, newest);
          estimates.put(key, estimate);
        }
        rarest = Math.min(rarest, estimate);
      }
      if (rarest == Long.MAX_VALUE || rarest * (words.size() == 1 ? 1 : PHRASE_COST) <= common) {
        weighed.add(phrase);
      }
    }
    return weighed;
  }

  /**
   * The hits for {@code matches} (every match, or the newest {@link #CANDIDATES}; newest first) in the order
   * to show: by bm25 over the phrases in {@code weighed} ({@code everyPhrase}: that is the whole query),
   * then, if that gave fewer than {@code limit}, the newest. Snippets mark {@code weighed}.
   */
  private List<SearchHit> order(String weighed, boolean everyPhrase, long[] matches, int limit, String open,
      String close) throws SQLException {
    long floor = matches[matches.length - 1];
    if (!everyPhrase) {
      // The weighed phrases alone may match far more messages than the query: rank at most the newest
      // candidates of them, keeping those that match the whole query.
      floor = Math.max(floor, span(weighed, floor, candidates)[1]);
    }
    long[] sorted = matches.clone();
    Arrays.sort(sorted);
    Map<Long, SearchHit> shown = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        HITS + " AND message_search.rowid >= ? ORDER BY rank")) {
      ps.setString(1, open);
      ps.setString(2, close);
      ps.setString(3, weighed);
      ps.setLong(4, floor);
      try (ResultSet rs = ps.executeQuery()) {
        while (shown.size() < limit && rs.next()) {
          long rowid = rs.getLong("seq");
          if (Arrays.binarySearch(sorted, rowid) >= 0) {
            shown.put(rowid, hit(rs));
          }
        }
      }
    }
    if (shown.size() < limit) {
      List<Long> more = new ArrayList<>();
      for (int i = 0; i < matches.length && shown.size() + more.size() < limit; i++) {
        if (!shown.containsKey(matches[i])) {
          more.add(matches[i]);
        }
      }
      Map<Long, SearchHit> found = hits(weighed, more, open, close);
      for (long rowid : more) {
        SearchHit hit = found.get(rowid);
        if (hit != null) {
          shown.put(rowid, hit);
        }
      }
    }
    return new ArrayList<>(shown.values());
  }

  /** About how many messages {@code word} is in, from the spread of its newest matches. */
  private long estimatedMatches(String word, long newestRowid) throws SQLException {
    long[] span = span(word, 0, probe);
    if (span[0] < probe) {
      return span[0];
    }
    return (long) ((double) probe * newestRowid / Math.max(1, newestRowid - span[1] + 1));
  }

  /**
   * The newest {@code n} matches of {@code match}, newest first, read window by window back from
   * {@code newestRowid}: the first, small window newest first (a common match stops early), the older ones,
   * each four times wider, in rowid order. A match spread thin (a phrase of common words) needs a long
   * read, and FTS5 reads two to three times faster forwards when it must seek in other words' lists.
   */
  private long[] newest(String match, int n, long newestRowid) throws SQLException {
    long[] out = new long[n];
    int count = 0;
    long high = newestRowid;
    long width = FIRST_WINDOW;
    boolean first = true;
    while (count < n && high >= 0) {
      long low = Math.max(0, high - width + 1);
      String sql = "SELECT rowid FROM message_search WHERE message_search MATCH ? AND rowid BETWEEN ? AND ?"
          + (first ? " ORDER BY rowid DESC LIMIT " + (n - count) : " ORDER BY rowid");
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.setString(1, match);
        ps.setLong(2, low);
        ps.setLong(3, high);
        try (ResultSet rs = ps.executeQuery()) {
          if (first) {
            while (rs.next()) {
              out[count++] = rs.getLong(1);
            }
          } else {
            List<Long> window = new ArrayList<>();
            while (rs.next()) {
              window.add(rs.getLong(1));
            }
            for (int i = window.size() - 1; i >= 0 && count < n; i--) {
              out[count++] = window.get(i);
            }
          }
        }
      }
      high = low - 1;
      width *= 4;
      first = false;
    }
    return Arrays.copyOf(out, count);
  }

  /** Every match of {@code match} in rowid order, keeping the newest {@code n}; newest first. */
  private long[] newestOfAll(String match, int n) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT rowid FROM message_search WHERE message_search MATCH ? ORDER BY rowid")) {
      ps.setString(1, match);
      long[] ring = new long[n];
      long count = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ring[(int) (count++ % n)] = rs.getLong(1);
        }
      }
      int kept = (int) Math.min(count, n);
      long[] out = new long[kept];
      for (int i = 0; i < kept; i++) {
        out[i] = ring[(int) ((count - 1 - i) % n)];
      }
      return out;
    }
  }

  /** How many of the newest {@code n} matches from {@code floor} on there are, and the oldest one's rowid. */
  private long[] span(String match, long floor, long n) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SPAN)) {
      ps.setString(1, match);
      ps.setLong(2, floor);
      ps.setLong(3, n);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private long newestRowid() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT max(seq) FROM messages");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * The hits for {@code rowids} (matches of {@code match}) by rowid, snippets marking {@code match}. Rowids
   * close together are read by one statement over the range they span, keeping only them ({@code rowid + 0}
   * is a filter FTS5 cannot take over, so it does not rerun the query once per rowid). Rowids far apart get
   * a statement each: a range between them would make FTS5 walk every message in it.
   */
  private Map<Long, SearchHit> hits(String match, List<Long> rowids, String open, String close)
      throws SQLException {
    long[] sorted = rowids.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<Long, SearchHit> found = new HashMap<>();
    for (int from = 0, to; from < sorted.length; from = to) {
      to = from + 1;
      while (to < sorted.length && sorted[to] - sorted[to - 1] <= NEAR) {
        to++;
      }
      String sql = HITS + " AND message_search.rowid BETWEEN ? AND ?"
          + " AND message_search.rowid + 0 IN (" + "?, ".repeat(to - from - 1) + "?)";
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        int i = 1;
        ps.setString(i++, open);
        ps.setString(i++, close);
        ps.setString(i++, match);
        ps.setLong(i++, sorted[from]);
        ps.setLong(i++, sorted[to - 1]);
        for (int k = from; k < to; k++) {
          ps.setLong(i++, sorted[k]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.put(rs.getLong("seq"), hit(rs));
          }
        }
      }
    }
    return found;
  }

  private static SearchHit hit(ResultSet rs) throws SQLException {
    return new SearchHit(Rows.uuid(rs, "conversation_id"), rs.getString("title"), Rows.uuid(rs, "id"),
        Role.of(rs.getString("role")), rs.getString("snippet"), Rows.instant(rs, "created"));
  }
}
