package org.industry4.opcua.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the result of a query run by {@link DuckDbSink#query(String, ResultSetHandler)} into a
 * value. The result set is only valid during the call.
 *
 * @param <T> the value made
 */
@FunctionalInterface
public interface ResultSetHandler<T> {

    /** Reads {@code resultSet} (positioned before its first row) and returns what it found. */
    T handle(ResultSet resultSet) throws SQLException;
}
