package dev.moduleagent.localhub.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit on the hub's one write connection: a writer that finds the connection free commits everything queued
 * (its own write and those that arrived meanwhile), each inside its own savepoint (one that fails is undone alone),
 * with one commit (and, with {@code fsync}, one forced write), and only then are they answered; writers that arrive
 * while a commit is under way queue and wait. So many clients writing at once share a commit instead of queueing
 * for one each, and a lone write costs no thread hand-over. The committing thread's interrupt flag is cleared
 * around the file I/O and restored after.
 */
final class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** The most writes in one commit, so that one answer never waits for an unbounded batch. */
    static final int MAX_BATCH = 256;

    private final Connection connection;
    private final boolean fsync;
    private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committer = new ReentrantLock();
    private final AtomicLong commitCount = new AtomicLong();
    private final AtomicLong syncCount = new AtomicLong();
    private volatile boolean closed;

    GroupCommit(Connection connection, boolean fsync) throws SQLException {
        this.connection = connection;
        this.fsync = fsync;
        connection.setAutoCommit(false);
    }

    /** @return completes after the commit that holds the work, with its result or what it threw */
    <T> CompletableFuture<T> submit(SqlWork<T, ?> work) {
        Pending<T> pending = new Pending<>(work, new CompletableFuture<>());
        if (closed) {
            pending.result().completeExceptionally(new StoreException("the database is closed", null));
            return pending.result();
        }
        queue.add(pending);
        commitWhileQueued();
        return pending.result();
    }

    /** @return whether the calling thread is committing (a write made from inside another write runs inline) */
    boolean isCommitThread() {
        return committer.isHeldByCurrentThread();
    }

    /** @return how many commits were made (for tests and figures) */
    long commits() {
        return commitCount.get();
    }

    /** @return how many writes wait for a commit */
    int queued() {
        return queue.size();
    }

    /** @return how many times the file was forced to the device */
    long syncs() {
        return syncCount.get();
    }

    /**
     * Commits batches while writes are queued and nobody else commits. A writer that finds the lock taken returns and
     * waits for its answer: the holder checks the queue again after it let go, so no write is left behind.
     */
    private void commitWhileQueued() {
        while (!queue.isEmpty() && committer.tryLock()) {
            boolean interrupted = Thread.interrupted();
            try {
                commitBatch();
            } finally {
                committer.unlock();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void commitBatch() {
        List<Pending<?>> batch = new ArrayList<>();
        Pending<?> next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (closed) {
            StoreException failure = new StoreException("the database is closed", null);
            batch.forEach(pending -> pending.result().completeExceptionally(failure));
            return;
        }
        List<Runnable> answers = new ArrayList<>(batch.size());
        for (Pending<?> pending : batch) {
            answers.add(runOne(pending));
        }
        try {
            commit();
        } catch (SQLException e) {
            LOG.warn("database commit failed writes={} reason={}", batch.size(), e.getMessage());
            rollbackQuietly();
            StoreException failure = new StoreException("database write failed: " + e.getMessage(), e);
            batch.forEach(pending -> pending.result().completeExceptionally(failure));
            return;
        }
        answers.forEach(Runnable::run);
    }

    private void commit() throws SQLException {
        connection.commit();
        commitCount.incrementAndGet();
        if (fsync) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
            syncCount.incrementAndGet();
        }
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

    /** Runs a write made from inside another write, in the same transaction. */
    <T, E extends Exception> T runInline(SqlWork<T, E> work) throws SQLException, E {
        return work.run(connection);
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

    /** Commits what is queued, then refuses further writes. */
    void close() {
        committer.lock();
        try {
            commitBatchesLeft();
            closed = true;
        } finally {
            committer.unlock();
        }
        commitWhileQueued();
    }

    private void commitBatchesLeft() {
        while (!queue.isEmpty()) {
            commitBatch();
        }
    }

    /** A write waiting for its commit. */
    private record Pending<T>(SqlWork<T, ?> work, CompletableFuture<T> result) {
    }
}
