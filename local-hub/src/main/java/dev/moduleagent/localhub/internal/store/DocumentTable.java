package dev.moduleagent.localhub.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hub's tables, all of one shape: a two-part key and a JSON document. One row holds one whole identity, CA or
 * session; a twin is two rows of the same key, {@link #TWINS} (version, tags, desired) and {@link #REPORTED} (the
 * reported section), so that a device's reported patch rewrites only the second. Every change is one transaction, so
 * none leaves half a document behind.
 */
public enum DocumentTable {
    /** Key: device id, module id ('' for a device). */
    IDENTITIES,
    /** Key: device id, module id ('' for a device): the twin's version, tags and desired section. */
    TWINS,
    /**
     * Key: device id, module id ('' for a device): the twin's reported section and the twin version of its last
     * change. Missing for a twin stored before the split, whose reported section is still inside its {@link #TWINS} row.
     */
    REPORTED,
    /** Key: CA name, ''. */
    CERTIFICATES,
    /** Key: MQTT client id, '': the persistent subscriptions of a cleanSession=false client. */
    SESSIONS,
    /** Key: setting name, ''. */
    SETTINGS;

    /** A row: the two key parts and the document. */
    public record Row(String key1, String key2, String document) {
    }

    String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + name()
            + " (K1 VARCHAR(512) NOT NULL, K2 VARCHAR(512) NOT NULL, DOC VARCHAR(2000000) NOT NULL,"
            + " PRIMARY KEY (K1, K2))";
    }

    public Optional<String> get(Connection c, String key1, String key2) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT DOC FROM " + name() + " WHERE K1 = ? AND K2 = ?")) {
            s.setString(1, key1);
            s.setString(2, key2);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Inserts or replaces the row. */
    public void put(Connection c, String key1, String key2, String document) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("MERGE INTO " + name() + " (K1, K2, DOC) KEY (K1, K2) VALUES (?, ?, ?)")) {
            s.setString(1, key1);
            s.setString(2, key2);
            s.setString(3, document);
            s.executeUpdate();
        }
    }

    /** Replaces the document of an existing row (without reading it first); returns whether the row existed. */
    public boolean update(Connection c, String key1, String key2, String document) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + name() + " SET DOC = ? WHERE K1 = ? AND K2 = ?")) {
            s.setString(1, document);
            s.setString(2, key1);
            s.setString(3, key2);
            return s.executeUpdate() > 0;
        }
    }

    /** Deletes the row; returns whether it existed. */
    public boolean delete(Connection c, String key1, String key2) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + name() + " WHERE K1 = ? AND K2 = ?")) {
            s.setString(1, key1);
            s.setString(2, key2);
            return s.executeUpdate() > 0;
        }
    }

    /** Deletes every row whose first key part is {@code key1}. */
    public int deleteAll(Connection c, String key1) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + name() + " WHERE K1 = ?")) {
            s.setString(1, key1);
            return s.executeUpdate();
        }
    }

    /** All rows, ordered by key. */
    public List<Row> list(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT K1, K2, DOC FROM " + name() + " ORDER BY K1, K2")) {
            return rows(s);
        }
    }

    private static List<Row> rows(PreparedStatement s) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new Row(r.getString(1), r.getString(2), r.getString(3)));
            }
        }
        return rows;
    }
}
