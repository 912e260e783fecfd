package dev.pith.storage.transfer;

/**
 * What an export wrote.
 *
 * @param conversations conversations written
 * @param messages messages written (for Markdown: the messages of the threads shown)
 */
public record ExportResult(int conversations, int messages) {}
