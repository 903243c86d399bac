package dev.moduleagent.localhub.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's embedded H2 database: one connection, every change in a transaction that is written to the file at
 * commit ({@code WRITE_DELAY=0}), so a kill -9 loses at most the transaction in progress and never corrupts a row.
 */
public final class HubDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubDatabase.class);
    private static final String FILE_NAME = "hub";

    private final Connection connection;
    private final Path file;

    private HubDatabase(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (or creates) {@code hub.mv.db} in the folder and creates the tables that are missing. */
    public static HubDatabase open(Path folder) throws StoreException {
        Path base = folder.toAbsolutePath().resolve(FILE_NAME);
        String url = "jdbc:h2:file:" + base + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        try {
            Connection connection = DriverManager.getConnection(url, "hub", "");
            HubDatabase database = new HubDatabase(connection, base);
            database.createSchema();
            LOG.info("database opened file={}.mv.db", base);
            return database;
        } catch (SQLException e) {
            throw new StoreException(describe(e, base), e);
        }
    }

    /** Runs read-only work. */
    public synchronized <T, E extends Exception> T read(SqlWork<T, E> work) throws StoreException, E {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    /** Runs work in one transaction: all of it is committed, or none of it when it throws. */
    public synchronized <T, E extends Exception> T write(SqlWork<T, E> work) throws StoreException, E {
        boolean committed = false;
        try {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            committed = true;
            return result;
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            if (!committed) {
                rollbackQuietly();
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (!connection.isClosed()) {
                connection.close();
                LOG.info("database closed file={}.mv.db", file);
            }
        } catch (SQLException e) {
            LOG.warn("database close failed file={}.mv.db reason={}", file, e.getMessage());
        }
    }

    private void createSchema() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (DocumentTable table : DocumentTable.values()) {
                statement.execute(table.createSql());
            }
        }
    }

    private void rollbackQuietly() {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.warn("database rollback failed reason={}", e.getMessage());
        }
    }

    private static String describe(SQLException e, Path base) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("already in use") || message.contains("locked")) {
            return "the data folder " + base.getParent() + " is in use by another hub";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return "cannot open the database " + base + ".mv.db: " + line;
    }
}
