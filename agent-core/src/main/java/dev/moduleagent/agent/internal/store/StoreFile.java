package dev.moduleagent.agent.internal.store;

import java.nio.file.Path;
import java.util.function.Function;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open MVStore behind {@link StateStore}, used only from its {@link StoreThread}: runs one unit of work, commits
 * and syncs it, and reopens the file once when the store failed or was closed under it (an I/O error, or a channel
 * closed by an interrupt that reached it in spite of the store thread), so that one bad moment does not stop every
 * later acknowledgement.
 */
final class StoreFile {

    static final String FILE_NAME = "agent-state.mv.db";
    /**
     * MVStore's page cache in MB. The default (16) is sized for databases; the agent's file holds a few applied
     * records and the outbox (well under 1 MB, see README "State file"), so 1 MB keeps every page it reads and saves
     * up to 15 MB of heap once the cache has filled with pages of rewritten chunks.
     */
    static final int CACHE_MB = 1;
    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

    private final Path path;
    private MVStore store;
    private boolean closed;

    private StoreFile(Path path, MVStore store) {
        this.path = path;
        this.store = store;
    }

    static StoreFile open(Path path) {
        return new StoreFile(path, openStore(path));
    }

    Path path() {
        return path;
    }

    long size() {
        return path.toFile().length();
    }

    <T> T run(Function<MVStore, T> work, boolean write) {
        if (closed) {
            throw new IllegalStateException("state file " + path + " is closed");
        }
        try {
            return attempt(work, write);
        } catch (MVStoreException | IllegalStateException e) {
            LOG.warn("state file failed file={} reason=\"{}\" action=reopen", path, firstLine(e.getMessage()));
            reopen();
            return attempt(work, write);
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            if (!store.isClosed()) {
                store.close();
            }
        }
    }

    private <T> T attempt(Function<MVStore, T> work, boolean write) {
        if (store.isClosed()) {
            reopen();
        }
        T result = work.apply(store);
        if (write) {
            store.commit();
            store.sync();
        }
        return result;
    }

    private void reopen() {
        try {
            store.closeImmediately();
        } catch (RuntimeException e) {
            LOG.debug("closing the failed state file: {}", e.toString());
        }
        store = openStore(path);
    }

    /**
     * Retention time 0: a chunk no longer used is free for the next commit at once. The default (45 s) kept every
     * chunk of a burst of commits, 14 KB each (20,000 reports: 299 MB); with each commit synced before the next, the
     * ordering that retention protects against power loss is already given. The page cache is {@link #CACHE_MB}.
     */
    private static MVStore openStore(Path path) {
        MVStore opened = new MVStore.Builder().fileName(path.toString()).cacheSize(CACHE_MB).autoCommitDisabled()
                .open();
        opened.setRetentionTime(0);
        return opened;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
