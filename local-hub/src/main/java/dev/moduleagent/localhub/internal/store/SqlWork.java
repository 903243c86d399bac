package dev.moduleagent.localhub.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on the database connection inside {@link HubDatabase#read} or {@link HubDatabase#write}. */
@FunctionalInterface
public interface SqlWork<T, E extends Exception> {
    T run(Connection connection) throws SQLException, E;
}
