package dev.moduleagent.agent.internal.store;

import dev.moduleagent.agent.internal.dispatch.AppliedLedger;
import dev.moduleagent.agent.internal.dispatch.AppliedRecord;
import dev.moduleagent.agent.internal.reported.OutboxEntry;
import dev.moduleagent.agent.internal.reported.OutboxStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The agent's persistent state in {@code data.dir} (one H2 MVStore file): applied versions and hashes, and the
 * reported outbox. Every change is committed before the method returns, and each method is one atomic commit, so a
 * crash leaves either the old or the new state.
 */
public final class StateStore implements AppliedLedger, OutboxStore, AutoCloseable {

    /** The file inside {@code data.dir}. */
    public static final String FILE_NAME = "agent-state.mv.db";

    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> applied;
    private final MVMap<Long, String> outbox;

    private StateStore(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.applied = store.openMap("applied");
        this.outbox = store.openMap("outbox");
    }

    /**
     * Opens (or creates) the state in a folder.
     *
     * @param dataDir the folder, created when missing
     * @return the open store
     * @throws StoreException when the folder or file cannot be used (not writable, locked by another agent, corrupt)
     */
    public static StateStore open(Path dataDir) throws StoreException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            return new StateStore(file, store);
        } catch (IOException | MVStoreException e) {
            throw new StoreException("data.dir " + dataDir + ": cannot open " + file.getFileName() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** @return the store's file */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<AppliedRecord> applied(String component) {
        return Optional.ofNullable(applied.get(component)).map(StateStore::decode);
    }

    @Override
    public synchronized Set<String> appliedComponents() {
        return new TreeSet<>(applied.keySet());
    }

    @Override
    public synchronized void recordApplied(String component, AppliedRecord record) {
        applied.put(component, record.version() + ":" + record.code() + ":" + record.hash());
        store.commit();
    }

    @Override
    public synchronized void forgetApplied(String component) {
        if (applied.remove(component) != null) {
            store.commit();
        }
    }

    @Override
    public synchronized Optional<OutboxEntry> firstOutboxEntry() {
        Long first = outbox.firstKey();
        return first == null ? Optional.empty() : Optional.of(new OutboxEntry(first, outbox.get(first)));
    }

    @Override
    public synchronized long lastOutboxSequence() {
        Long last = outbox.lastKey();
        return last == null ? 0 : last;
    }

    @Override
    public synchronized int outboxSize() {
        return outbox.size();
    }

    @Override
    public synchronized void saveOutbox(Map<Long, String> entries) {
        outbox.putAll(entries);
        store.commit();
    }

    @Override
    public synchronized void removeOutbox(long sequence) {
        if (outbox.remove(sequence) != null) {
            store.commit();
        }
    }

    /** Commits and closes the file; further calls fail. */
    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    private static AppliedRecord decode(String text) {
        int first = text.indexOf(':');
        int second = text.indexOf(':', first + 1);
        return new AppliedRecord(Long.parseLong(text.substring(0, first)), text.substring(second + 1),
                Integer.parseInt(text.substring(first + 1, second)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
