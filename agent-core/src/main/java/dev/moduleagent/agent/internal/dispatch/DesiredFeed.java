package dev.moduleagent.agent.internal.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        document = copy(desired);
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
            LOG.info("desired patch $version {} does not follow {}: reading the full twin", patchVersion, version);
            return false;
        }
        merge(document, changes);
        version = patchVersion;
        dispatcher.reconcile(version, DesiredSections.split(document));
        return true;
    }

    /** @return the desired {@code $version} known, or -1 */
    public synchronized long version() {
        return version;
    }

    private static void merge(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> nested) {
                Object existing = target.get(key);
                @SuppressWarnings("unchecked")
                Map<String, Object> child = existing instanceof Map<?, ?> ? (Map<String, Object>) existing
                        : new LinkedHashMap<>();
                @SuppressWarnings("unchecked")
                Map<String, Object> nestedPatch = (Map<String, Object>) nested;
                merge(child, nestedPatch);
                target.put(key, child);
            } else {
                target.put(key, copyValue(value));
            }
        });
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), copyValue(v)));
        return result;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy(map);
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(v -> result.add(copyValue(v)));
            return result;
        }
        return value;
    }
}
