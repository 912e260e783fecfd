package dev.pith.app.ui.chat;

import dev.pith.app.Answers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * Where the chat finds how to generate each answer, and what it tells when conversations go, so that settings
 * kept for a conversation go with it.
 */
public interface AnswerSettings {

  /**
   * How the next answer in {@code conversationId} is generated: the conversation's own settings when it has
   * them, else the ones for every conversation. Called on the inference thread just before the answer (it may
   * read the database), so a change made in Settings applies to the next answer.
   */
  Answers.Setup forAnswer(UUID conversationId);

  /** Drops what is kept for these conversations, inside the writer-thread transaction that deletes them. */
  void forget(Connection connection, Collection<UUID> conversationIds) throws SQLException;

  /** Drops what is kept for every conversation, inside the transaction that deletes them all. */
  void forgetAll(Connection connection) throws SQLException;
}
