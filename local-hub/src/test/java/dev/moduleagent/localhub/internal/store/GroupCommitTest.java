package dev.moduleagent.localhub.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.localhub.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes that arrive together share one commit; each is answered after it, and one that fails is undone alone. */
class GroupCommitTest {

    private static final int WRITERS = 12;

    @TempDir
    Path folder;
    private HubDatabase database;
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);

    @AfterEach
    void close() throws Exception {
        writers.shutdownNow();
        writers.awaitTermination(10, TimeUnit.SECONDS);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void writesQueuedDuringACommitShareTheNextOneAndAreAnsweredAfterIt() throws Exception {
        database = HubDatabase.open(folder);
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = writers.submit(() -> database.write(c -> {
            blocking.countDown();
            release.await();
            DocumentTable.SETTINGS.put(c, "first", "", "1");
            return null;
        }));
        assertTrue(blocking.await(10, TimeUnit.SECONDS));
        long before = database.commits();
        List<Future<?>> queued = new ArrayList<>();
        for (int i = 0; i < WRITERS - 1; i++) {
            String key = "k" + i;
            queued.add(writers.submit(() -> database.write(c -> {
                DocumentTable.SETTINGS.put(c, key, "", "v");
                return null;
            })));
        }
        awaitQueued(WRITERS - 1);
        assertTrue(queued.stream().noneMatch(Future::isDone), "answered before their commit");

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> write : queued) {
            write.get(10, TimeUnit.SECONDS);
        }

        assertEquals(2, database.commits() - before, "one commit for the first, one for the eleven queued behind it");
        assertEquals(WRITERS, database.read(c -> DocumentTable.SETTINGS.list(c)).size());
    }

    @Test
    void aWriteThatFailsIsUndoneAloneAndItsCallerGetsItsException() throws Exception {
        database = HubDatabase.open(folder);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        Future<?> gate = writers.submit(() -> database.write(c -> {
            blocking.countDown();
            release.await();
            return null;
        }));
        assertTrue(blocking.await(10, TimeUnit.SECONDS));
        Future<Object> failing = writers.submit(() -> database.write(c -> {
            DocumentTable.SETTINGS.put(c, "half", "", "written");
            throw new IllegalStateException("refused half-way");
        }));
        Future<Object> good = writers.submit(() -> database.write(c -> {
            DocumentTable.SETTINGS.put(c, "whole", "", "written");
            return null;
        }));
        awaitQueued(2);
        release.countDown();
        gate.get(10, TimeUnit.SECONDS);

        Exception thrown = assertThrows(Exception.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertTrue(thrown.getCause() instanceof IllegalStateException, thrown.toString());
        good.get(10, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), database.read(c -> DocumentTable.SETTINGS.get(c, "half", "")));
        assertEquals(Optional.of("written"), database.read(c -> DocumentTable.SETTINGS.get(c, "whole", "")));
    }

    @Test
    void anInterruptedCallerStillWaitsForItsCommitAndKeepsItsInterruptFlag() throws Exception {
        database = HubDatabase.open(folder);
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                database.write(c -> {
                    DocumentTable.SETTINGS.put(c, "interrupted", "", "yes");
                    return null;
                });
                flag.complete(Thread.currentThread().isInterrupted());
            } catch (StoreException e) {
                flag.completeExceptionally(e);
            }
        });
        caller.start();

        assertTrue(flag.get(10, TimeUnit.SECONDS), "interrupt flag kept");
        assertEquals(Optional.of("yes"), database.read(c -> DocumentTable.SETTINGS.get(c, "interrupted", "")));
    }

    @Test
    void withFsyncEveryCommitIsForcedToTheDeviceOnce() throws Exception {
        database = HubDatabase.open(folder, Durability.FSYNC);
        long commits = database.commits();
        for (int i = 0; i < 3; i++) {
            String key = "s" + i;
            database.write(c -> {
                DocumentTable.SETTINGS.put(c, key, "", "v");
                return null;
            });
        }
        assertEquals(3, database.commits() - commits);
        assertEquals(database.commits(), database.syncs());
    }

    @Test
    void aCommitDatabaseNeverForcesTheDevice() throws Exception {
        database = HubDatabase.open(folder, Durability.COMMIT);
        database.write(c -> {
            DocumentTable.SETTINGS.put(c, "k", "", "v");
            return null;
        });
        assertEquals(0, database.syncs());
    }

    /** Waits until the given number of writes wait in the commit queue. */
    private void awaitQueued(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (database.queued() < count) {
            assertTrue(System.nanoTime() < deadline, "writes did not queue: " + database.queued());
            Thread.sleep(5);
        }
    }
}
