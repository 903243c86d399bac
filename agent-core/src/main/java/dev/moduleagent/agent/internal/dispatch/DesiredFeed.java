package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.twin.MergePatch;
import dev.moduleagent.twin.TwinValues;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the full desired document: replaced by every full twin, updated by desired patches (JSON merge patch,
 * {@code null} deletes), and reconciled with the dispatcher after each change. A patch that does not follow the
 * known {@code $version} directly (one was missed) is not applied; the caller must read the full twin instead,
 * so that a plug-in never sees a section mixed from two versions.
 */
public final class DesiredFeed {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredFeed.class);

    private final TwinDispatcher dispatcher;
    private Map<String, Object> document;
    private long version = -1;

    /** @param dispatcher where the sections go */
    public DesiredFeed(TwinDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * @param desiredVersion the desired {@code $version} of the twin
     * @param desired the full desired properties
     */
    public synchronized void onTwin(long desiredVersion, Map<String, Object> desired) {
        if (desiredVersion < version) {
            LOG.debug("full twin at desired $version {} ignored: {} is already known", desiredVersion, version);
            return;
        }
        document = TwinValues.copy(desired);
        version = desiredVersion;
        dispatcher.reconcile(version, DesiredSections.split(document));
    }

    /**
     * @param patchVersion the desired {@code $version} after the patch, or a negative number when the hub sent none
     * @param changes the changed properties
     * @return {@code false} when the patch could not be placed (no full twin yet, no version, or a version was
     *     skipped) and the full twin must be read again
     */
    public synchronized boolean onPatch(long patchVersion, Map<String, Object> changes) {
        if (document == null || patchVersion < 0) {
            return false;
        }
        if (patchVersion <= version) {
            LOG.debug("desired patch $version {} ignored: {} is already known", patchVersion, version);
            return true;
        }
        if (patchVersion != version + 1) {
            LOG.info("desired patch out of order version={} previous={} next=full-twin", patchVersion, version);
            return false;
        }
        MergePatch.apply(document, changes);
        version = patchVersion;
        dispatcher.reconcile(version, DesiredSections.split(document));
        return true;
    }

    /** @return the desired {@code $version} known, or -1 */
    public synchronized long version() {
        return version;
    }
}
