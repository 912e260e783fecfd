package dev.pith.storage.dao;

import dev.pith.storage.model.MeasuredAnswer;
import dev.pith.storage.model.MessageStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The answers the Stats page is built from: finished ({@code complete}) and stopped ({@code cancelled}) answers,
 * with their metrics and not their text. Failed answers never count (whatever they measured is of a run that went
 * wrong), nor do answers that were {@code interrupted} by a crash or are still {@code streaming}.
 */
public final class AnswerStatsDao {
  /** The most answers one read returns, so the page stays quick on a years-old database. */
  public static final int MAX_ANSWERS = 100_000;

  private final Connection connection;

  public AnswerStatsDao(Connection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /**
   * The newest {@code limit} counted answers requested at or after {@code from}, oldest first.
   *
   * @param limit at most this many (the newest are kept); 1 to {@link #MAX_ANSWERS} + 1 (one more than the most
   *     shown tells the caller that older answers were left out)
   */
  public List<MeasuredAnswer> since(Instant from, int limit) throws SQLException {
    Objects.requireNonNull(from, "from");
    if (limit < 1 || limit > MAX_ANSWERS + 1) {
      throw new IllegalArgumentException("limit must be 1 to " + (MAX_ANSWERS + 1) + ", got " + limit);
    }
    List<MeasuredAnswer> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT created, status, model_id, backend, "
        + "prompt_tokens, generated_tokens, ttft_ms, decode_tps, energy_j, avg_watts, power_source, idle_watts, "
        + "mean_logprob, min_logprob, dropped_messages "
        + "FROM messages WHERE role = 'assistant' AND status IN ('complete', 'cancelled') AND created >= ? "
        + "ORDER BY created DESC, seq DESC LIMIT ?")) {
      ps.setLong(1, from.toEpochMilli());
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(map(rs));
        }
      }
    }
    Collections.reverse(out);
    return out;
  }

  private static MeasuredAnswer map(ResultSet rs) throws SQLException {
    return new MeasuredAnswer(Rows.instant(rs, "created"), MessageStatus.of(rs.getString("status")),
        rs.getString("model_id"), rs.getString("backend"), MessageDao.metrics(rs));
  }
}
