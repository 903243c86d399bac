package dev.moduleagent.localhub.internal.store;

import dev.moduleagent.localhub.Durability;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's embedded H2 database: every change in a transaction that is written to the file at commit
 * ({@code WRITE_DELAY=0}), so a kill -9 loses at most the transactions in progress and never corrupts a row. Writes
 * share one connection with group commit ({@link GroupCommit}): those that arrive together share one commit (and, with
 * {@link Durability#FSYNC}, one {@code fsync}), each is answered after its commit. Reads use a connection of their own
 * and see what is committed.
 */
public final class HubDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubDatabase.class);
    private static final String FILE_NAME = "hub";

    private final Connection reader;
    private final Connection writer;
    private final GroupCommit commits;
    private final Path file;

    private HubDatabase(Connection reader, Connection writer, GroupCommit commits, Path file) {
        this.reader = reader;
        this.writer = writer;
        this.commits = commits;
        this.file = file;
    }

    /** Opens (or creates) {@code hub.mv.db} in the folder, committing without {@code fsync}. */
    public static HubDatabase open(Path folder) throws StoreException {
        return open(folder, Durability.COMMIT);
    }

    /** Opens (or creates) {@code hub.mv.db} in the folder and creates the tables that are missing. */
    public static HubDatabase open(Path folder, Durability durability) throws StoreException {
        Path base = folder.toAbsolutePath().resolve(FILE_NAME);
        String url = "jdbc:h2:file:" + base + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        Connection writer = null;
        try {
            writer = DriverManager.getConnection(url, "hub", "");
            createSchema(writer);
            Connection reader = DriverManager.getConnection(url, "hub", "");
            HubDatabase database = new HubDatabase(reader, writer, new GroupCommit(writer, durability == Durability.FSYNC),
                    base);
            LOG.info("database opened file={}.mv.db durability={}", base, durability.name().toLowerCase(Locale.ROOT));
            return database;
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new StoreException(describe(e, base), e);
        }
    }

    /** Runs read-only work on the read connection (it sees committed changes only). */
    public <T, E extends Exception> T read(SqlWork<T, E> work) throws StoreException, E {
        synchronized (reader) {
            try {
                return work.run(reader);
            } catch (SQLException e) {
                throw new StoreException("database read failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs work in one transaction: all of it is committed, or none of it when it throws; returns after the commit
     * (waiting without being interruptible; the interrupt flag is kept).
     */
    public <T, E extends Exception> T write(SqlWork<T, E> work) throws StoreException, E {
        if (commits.isCommitThread()) {
            return inline(work);
        }
        CompletableFuture<T> result = commits.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw HubDatabase.<E>rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return how many commits were made since the database was opened */
    long commits() {
        return commits.commits();
    }

    /** @return how many writes wait for their turn */
    int queued() {
        return commits.queued();
    }

    /** @return how many of them were forced to the device ({@link Durability#FSYNC}) */
    long syncs() {
        return commits.syncs();
    }

    private <T, E extends Exception> T inline(SqlWork<T, E> work) throws StoreException, E {
        try {
            return commits.runInline(work);
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        }
    }

    /** The failure of a write, as the caller's types: store, runtime, error or the work's own exception. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException rethrow(Throwable cause) throws StoreException, E {
        if (cause instanceof StoreException store) {
            throw store;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw (E) cause;
    }

    @Override
    public void close() {
        commits.close();
        synchronized (reader) {
            closeQuietly(reader);
        }
        try {
            if (!writer.isClosed()) {
                writer.close();
                LOG.info("database closed file={}.mv.db", file);
            }
        } catch (SQLException e) {
            LOG.warn("database close failed file={}.mv.db reason={}", file, e.getMessage());
        }
    }

    private static void createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (DocumentTable table : DocumentTable.values()) {
                statement.execute(table.createSql());
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("connection close failed reason={}", e.getMessage());
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
