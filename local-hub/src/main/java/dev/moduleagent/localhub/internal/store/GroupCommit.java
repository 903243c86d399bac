package dev.moduleagent.localhub.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every write of the hub on one thread that owns the write connection: the writes that arrive while a commit
 * is under way are run together, each inside its own savepoint (one that fails is undone alone), committed once
 * (and, with {@code fsync}, forced to the device once), and only then answered. So many clients writing at the same
 * time share one commit instead of queueing for one each, and no caller's interrupt ever reaches the thread that
 * does the file I/O.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** The most writes in one commit, so that one answer never waits for an unbounded batch. */
    static final int MAX_BATCH = 256;

    private final Connection connection;
    private final boolean fsync;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private final AtomicLong commitCount = new AtomicLong();
    private final AtomicLong syncCount = new AtomicLong();

    GroupCommit(Connection connection, boolean fsync) throws SQLException {
        this.connection = connection;
        this.fsync = fsync;
        connection.setAutoCommit(false);
        thread = new Thread(this::run, "hub-commit");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return completes after the commit that holds the work, with its result or what it threw */
    <T> CompletableFuture<T> submit(SqlWork<T, ?> work) {
        Pending<T> pending = new Pending<>(work, new CompletableFuture<>());
        if (closing) {
            pending.result().completeExceptionally(new StoreException("the database is closed", null));
            return pending.result();
        }
        queue.add(pending);
        return pending.result();
    }

    /** @return how many commits were made (for tests and figures) */
    long commits() {
        return commitCount.get();
    }

    /** @return how many writes wait for the commit thread */
    int queued() {
        return queue.size();
    }

    /** @return how many times the file was forced to the device */
    long syncs() {
        return syncCount.get();
    }

    /** @return whether the calling thread is the commit thread (work that writes again runs inline) */
    boolean isCommitThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs inline on the commit thread: for a write made from inside another write. */
    <T> T runInline(SqlWork<T, ?> work) throws Exception {
        return work.run(connection);
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            int end = stopIndex(batch);
            if (end > 0) {
                commit(batch.subList(0, end));
            }
            stop = end < batch.size();
            batch.subList(0, Math.min(batch.size(), end + 1)).clear();
        }
        batch.addAll(queue);
        StoreException closed = new StoreException("the database is closed", null);
        batch.stream().filter(pending -> pending.work() != null)
                .forEach(pending -> pending.result().completeExceptionally(closed));
    }

    private static int stopIndex(List<Pending<?>> batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).work() == null) {
                return i;
            }
        }
        return batch.size();
    }

    private void commit(List<Pending<?>> batch) {
        List<Runnable> answers = new ArrayList<>(batch.size());
        for (Pending<?> pending : batch) {
            answers.add(runOne(pending));
        }
        try {
            connection.commit();
            commitCount.incrementAndGet();
            if (fsync) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CHECKPOINT SYNC");
                }
                syncCount.incrementAndGet();
            }
        } catch (SQLException e) {
            LOG.warn("database commit failed writes={} reason={}", batch.size(), e.getMessage());
            rollbackQuietly();
            StoreException failure = new StoreException("database write failed: " + e.getMessage(), e);
            batch.forEach(pending -> pending.result().completeExceptionally(failure));
            return;
        }
        answers.forEach(Runnable::run);
    }

    /** Runs one write inside its own savepoint; returns how to answer it once the commit is done. */
    private <T> Runnable runOne(Pending<T> pending) {
        Savepoint savepoint = null;
        try {
            savepoint = connection.setSavepoint();
            T result = pending.work().run(connection);
            return () -> pending.result().complete(result);
        } catch (Exception | Error e) {
            undo(savepoint);
            Throwable failure = e instanceof SQLException sql
                    ? new StoreException("database write failed: " + sql.getMessage(), sql) : e;
            return () -> pending.result().completeExceptionally(failure);
        }
    }

    private void undo(Savepoint savepoint) {
        try {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
        } catch (SQLException e) {
            LOG.warn("database rollback to savepoint failed reason={}", e.getMessage());
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("database rollback failed reason={}", e.getMessage());
        }
    }

    /** Answers what is queued, then stops the thread; waits for it without being interruptible. */
    @Override
    public void close() {
        closing = true;
        queue.add(new Pending<>(null, new CompletableFuture<>()));
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A write waiting for its commit; {@code work == null} is the stop mark. */
    private record Pending<T>(SqlWork<T, ?> work, CompletableFuture<T> result) {
    }
}
