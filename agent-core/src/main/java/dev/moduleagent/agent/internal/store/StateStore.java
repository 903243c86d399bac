package dev.moduleagent.agent.internal.store;

import dev.moduleagent.agent.internal.dispatch.AppliedLedger;
import dev.moduleagent.agent.internal.dispatch.AppliedRecord;
import dev.moduleagent.agent.internal.reported.OutboxEntry;
import dev.moduleagent.agent.internal.reported.OutboxStore;
import dev.moduleagent.agent.internal.reported.OutboxWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The agent's persistent state in {@code data.dir} (one H2 MVStore file): applied versions and hashes, the reported
 * outbox and the agent's own reported sections. Every change is one atomic commit, synced to the device before the
 * method returns, so a crash or power loss leaves either the old or the new state.
 *
 * <p>All access runs on one {@link StoreThread} that is never interrupted, whoever calls (plug-in threads included);
 * freed space is reused at once, so the file follows the live data instead of growing with every commit; a store
 * that failed anyway is closed and opened again once per call ({@link StoreFile}).
 */
public final class StateStore implements AppliedLedger, OutboxStore, AutoCloseable {

    /** The file inside {@code data.dir}. */
    public static final String FILE_NAME = StoreFile.FILE_NAME;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final StoreFile file;
    private final StoreThread thread;

    private StateStore(StoreFile file, StoreThread thread) {
        this.file = file;
        this.thread = thread;
    }

    /**
     * Opens (or creates) the state in a folder.
     *
     * @param dataDir the folder, created when missing
     * @return the open store
     * @throws StoreException when the folder or file cannot be used (not writable, locked by another agent, corrupt)
     */
    public static StateStore open(Path dataDir) throws StoreException {
        Path path = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("data.dir " + dataDir + ": cannot open " + path.getFileName() + ": "
                    + StoreFile.firstLine(e.toString()), e);
        }
        StoreThread thread = new StoreThread("agent-store");
        try {
            StoreFile file = thread.call(() -> StoreFile.open(path));
            return new StateStore(file, thread);
        } catch (RuntimeException e) {
            thread.shutdown(CLOSE_WAIT);
            throw new StoreException("data.dir " + dataDir + ": cannot open " + path.getFileName() + ": "
                    + StoreFile.firstLine(e.getMessage()), e);
        }
    }

    /** @return the store's file */
    public Path file() {
        return file.path();
    }

    /** @return the size of the file in bytes (for tests and figures) */
    public long fileSize() {
        return thread.call(file::size);
    }

    @Override
    public Optional<AppliedRecord> applied(String component) {
        return read(store -> Optional.ofNullable(applied(store).get(component)).map(StateStore::decode));
    }

    @Override
    public Set<String> appliedComponents() {
        return read(store -> new TreeSet<>(applied(store).keySet()));
    }

    @Override
    public void recordApplied(String component, AppliedRecord record) {
        write(store -> applied(store).put(component, encode(record)));
    }

    @Override
    public void forgetApplied(String component) {
        write(store -> applied(store).remove(component));
    }

    @Override
    public Optional<OutboxEntry> firstOutboxEntry() {
        return read(store -> {
            MVMap<Long, String> outbox = outbox(store);
            Long first = outbox.firstKey();
            return first == null ? Optional.<OutboxEntry>empty() : Optional.of(new OutboxEntry(first, outbox.get(first)));
        });
    }

    @Override
    public List<OutboxEntry> outboxEntries() {
        return read(store -> {
            List<OutboxEntry> entries = new ArrayList<>();
            outbox(store).forEach((sequence, json) -> entries.add(new OutboxEntry(sequence, json)));
            return entries;
        });
    }

    @Override
    public long lastOutboxSequence() {
        return read(store -> {
            Long last = outbox(store).lastKey();
            return last == null ? 0L : last;
        });
    }

    @Override
    public int outboxSize() {
        return read(store -> outbox(store).size());
    }

    @Override
    public Map<String, String> reportedSections() {
        return read(store -> new TreeMap<>(sections(store)));
    }

    @Override
    public void saveOutbox(OutboxWrite step) {
        write(store -> {
            outbox(store).putAll(step.patches());
            sections(store).putAll(step.sections());
            if (step.recordsApplied()) {
                applied(store).put(step.component(), encode(step.applied()));
            }
            return null;
        });
    }

    @Override
    public void removeOutbox(long sequence) {
        write(store -> outbox(store).remove(sequence));
    }

    /** Commits and closes the file; further calls fail. */
    @Override
    public void close() {
        thread.call(() -> {
            file.close();
            return null;
        });
        thread.shutdown(CLOSE_WAIT);
    }

    private <T> T read(Function<MVStore, T> work) {
        return thread.call(() -> file.run(work, false));
    }

    private <T> void write(Function<MVStore, T> work) {
        thread.call(() -> file.run(work, true));
    }

    private static MVMap<String, String> applied(MVStore store) {
        return store.openMap("applied");
    }

    private static MVMap<Long, String> outbox(MVStore store) {
        return store.openMap("outbox");
    }

    private static MVMap<String, String> sections(MVStore store) {
        return store.openMap("reported");
    }

    private static String encode(AppliedRecord record) {
        return record.version() + ":" + record.code() + ":" + record.hash();
    }

    private static AppliedRecord decode(String text) {
        int first = text.indexOf(':');
        int second = text.indexOf(':', first + 1);
        return new AppliedRecord(Long.parseLong(text.substring(0, first)), text.substring(second + 1),
                Integer.parseInt(text.substring(first + 1, second)));
    }
}
