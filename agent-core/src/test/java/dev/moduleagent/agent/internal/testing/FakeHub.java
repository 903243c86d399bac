package dev.moduleagent.agent.internal.testing;

import dev.moduleagent.agent.internal.hub.ChannelException;
import dev.moduleagent.agent.internal.hub.ChannelFactory;
import dev.moduleagent.agent.internal.hub.ChannelStatusListener;
import dev.moduleagent.agent.internal.hub.TwinChannel;
import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.MergePatch;
import dev.moduleagent.twin.TwinValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory hub behind the {@link ChannelFactory} seam: holds the desired document and version, records reported
 * patches and events, and lets a test make opens or reports fail and drop connections.
 */
public final class FakeHub implements ChannelFactory {

    final List<FakeChannel> channels = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> reported = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicInteger openAttempts = new AtomicInteger();
    final AtomicInteger subscribes = new AtomicInteger();
    final AtomicInteger twinReads = new AtomicInteger();
    volatile int failingOpens;
    volatile int failingReports;
    volatile boolean reachable = true;
    final CountDownLatch closesReturn = new CountDownLatch(1);
    volatile boolean closesHang;
    private final AtomicInteger refusedReports = new AtomicInteger();
    private final Map<String, Object> reportedDocument = new LinkedHashMap<>();
    private int reportedLimit;
    private Map<String, Object> desired = new LinkedHashMap<>();
    private long version = 1;

    @Override
    public TwinChannel create(ChannelStatusListener listener) throws ChannelException {
        FakeChannel channel = new FakeChannel(this, listener);
        channels.add(channel);
        return channel;
    }

    /** @return the newest channel */
    public FakeChannel current() {
        return channels.get(channels.size() - 1);
    }

    /** @return the channels made so far */
    public int channelCount() {
        return channels.size();
    }

    /** @param count how many next opens fail (retryable) */
    public void failNextOpens(int count) {
        failingOpens = count;
    }

    /** @param count how many next reports fail (retryable) */
    public void failNextReports(int count) {
        failingReports = count;
    }

    /** @param up whether opens and reports succeed */
    public void reachable(boolean up) {
        reachable = up;
    }

    /** @return open() calls so far */
    public int openAttempts() {
        return openAttempts.get();
    }

    /** @return subscribeDesired() calls so far */
    public int subscribes() {
        return subscribes.get();
    }

    /** @return getTwin() calls so far */
    public int twinReads() {
        return twinReads.get();
    }

    /** @param hang whether a channel's close() blocks until {@link #releaseCloses()} (a hub that never answers) */
    public void hangCloses(boolean hang) {
        closesHang = hang;
    }

    /** Lets every hanging close() return. */
    public void releaseCloses() {
        closesReturn.countDown();
    }

    /**
     * Changes the reported document without the agent (as a stale patch re-sent by the SDK does).
     *
     * @param patch a merge patch
     */
    public synchronized void overwriteReported(Map<String, Object> patch) {
        MergePatch.apply(reportedDocument, patch);
    }

    /** @return a copy of the reported document the hub holds: every patch merged in order */
    public synchronized Map<String, Object> reportedDocument() {
        return Json.readObject(Json.write(reportedDocument));
    }

    /**
     * Makes the hub refuse (413) every reported patch that would make the reported document larger than IoT Hub's
     * limit, as IoT Hub and local-hub do.
     *
     * @param bytes the largest reported document, as compact JSON
     */
    public synchronized void enforceReportedLimit(int bytes) {
        reportedLimit = bytes;
    }

    /** @return how many reported patches were refused as too large */
    public int refusedReports() {
        return refusedReports.get();
    }

    /** Merges a patch into the reported document unless that breaks the limit; @return whether it was accepted */
    synchronized boolean acceptReported(Map<String, Object> patch) {
        if (reportedLimit > 0) {
            Map<String, Object> candidate = TwinValues.copy(reportedDocument);
            MergePatch.apply(candidate, patch);
            if (Json.sizeInBytes(candidate) > reportedLimit) {
                refusedReports.incrementAndGet();
                return false;
            }
        }
        MergePatch.apply(reportedDocument, patch);
        reported.add(patch);
        return true;
    }

    /** @return the reported patches confirmed, in order */
    public List<Map<String, Object>> reported() {
        return reported;
    }

    /** @return the events sent */
    public List<String> events() {
        return events;
    }

    /**
     * Sets the desired document without notifying (as if changed while disconnected).
     *
     * @param document the new desired properties
     * @param newVersion its $version
     */
    public synchronized void setDesired(Map<String, Object> document, long newVersion) {
        desired = new LinkedHashMap<>(document);
        version = newVersion;
    }

    /**
     * Applies a top-level desired change and pushes it to the current channel, as the hub does.
     *
     * @param key the top-level key
     * @param value its new value (null deletes)
     * @return the new $version
     */
    public long patchDesired(String key, Object value) {
        long newVersion;
        synchronized (this) {
            if (value == null) {
                desired.remove(key);
            } else {
                desired.put(key, value);
            }
            newVersion = ++version;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(key, value);
        current().push(newVersion, changes);
        return newVersion;
    }

    synchronized Map<String, Object> desiredCopy() {
        return new LinkedHashMap<>(desired);
    }

    synchronized long version() {
        return version;
    }

    /** @return every confirmed patch merged in order, per top-level key (shallow) */
    public List<Object> reportedValues(String component, String property) {
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> patch : reported) {
            if (patch.get(component) instanceof Map<?, ?> section && section.containsKey(property)) {
                values.add(section.get(property));
            }
        }
        return values;
    }
}
