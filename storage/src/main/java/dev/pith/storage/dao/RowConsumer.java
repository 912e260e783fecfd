package dev.pith.storage.dao;

/**
 * Takes the rows of a query one at a time, as they are read (for work too large to hold as a list).
 *
 * @param <E> what the consumer itself may throw (an {@code IOException} when it writes a file)
 */
@FunctionalInterface
public interface RowConsumer<T, E extends Exception> {
  void accept(T row) throws E;
}
