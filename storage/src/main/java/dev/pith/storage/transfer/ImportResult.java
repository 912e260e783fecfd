package dev.pith.storage.transfer;

/**
 * What an import did. A conversation that was already in the database counts as skipped even when some of
 * its messages were new; those count as added messages.
 *
 * @param conversationsAdded conversations created
 * @param conversationsSkipped conversations already present (by id), left as they were
 * @param messagesAdded messages stored
 * @param messagesSkipped messages already present (by id), left as they were
 */
public record ImportResult(int conversationsAdded, int conversationsSkipped, int messagesAdded, int messagesSkipped) {}
