package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.agent.internal.identity.RenewalJournal.Entry;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before the identity is loaded at start and leaves the configured key and chain a matching pair, whatever step
 * a kill interrupted: a promotion is finished (its {@code .previous} copies are complete before it starts), anything
 * earlier is undone (staged files deleted) except a complete staged pair, which is kept for another trial.
 */
public final class RenewalRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalRecovery.class);

    private RenewalRecovery() {
    }

    /**
     * @param files the identity's files
     * @param passphrase the key's passphrase, or {@code null}
     * @param clock for the result's time
     * @return the journal after recovery: {@link RenewalState#VALID} or {@link RenewalState#STAGED}
     * @throws IOException when the journal or a file cannot be read, renamed or deleted
     */
    public static Entry recover(RenewalFiles files, char[] passphrase, Clock clock) throws IOException {
        RenewalJournal journal = files.journal();
        Entry entry = journal.read();
        Entry after = switch (entry.state()) {
            case PROMOTING -> {
                files.moveStagedIntoPlace();
                LOG.info("certificate renewal recovered outcome=promoted");
                yield new Entry(RenewalState.VALID, new RenewalResult(clock.instant(), "promoted",
                        "finished at start after an interruption"));
            }
            case STAGED, TRIAL -> keepStagedIfWhole(files, passphrase, entry);
            case RENEWING, ROLLING_BACK -> {
                files.discardStaged();
                LOG.info("certificate renewal recovered interrupted={} keep=current",
                        entry.state());
                yield new Entry(RenewalState.VALID, entry.last());
            }
            case VALID -> {
                files.discardStaged();
                yield entry;
            }
        };
        if (!after.equals(entry)) {
            journal.write(after);
        }
        return after;
    }

    private static Entry keepStagedIfWhole(RenewalFiles files, char[] passphrase, Entry entry) throws IOException {
        if (files.readStaged(passphrase).isPresent()) {
            LOG.info("certificate renewal recovered state=staged");
            return new Entry(RenewalState.STAGED, entry.last());
        }
        files.discardStaged();
        LOG.warn("certificate renewal recovered state=incomplete keep=current");
        return new Entry(RenewalState.VALID, entry.last());
    }
}
