package dev.pith.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
