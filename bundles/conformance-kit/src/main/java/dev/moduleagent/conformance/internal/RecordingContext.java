package dev.moduleagent.conformance.internal;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.DesiredSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's side of one apply, as the API documents it: progress acknowledges every property with {@code ac} 202,
 * reports merge into the component's section, and the context is valid only until {@code apply} returns. Every
 * breach of that contract is recorded, so the kit can fail the plug-in with a clear line.
 */
public final class RecordingContext implements ApplyContext {

    private final DesiredSection section;
    private final ReportedSection reported;
    private final List<String> progress = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final CountDownLatch firstProgress = new CountDownLatch(1);
    private final AtomicInteger pollsAfterSuperseded = new AtomicInteger();
    private volatile Runnable onFirstProgress = () -> { };
    private volatile boolean superseded;
    private volatile boolean closed;

    /**
     * @param section the section being applied
     * @param reported the component's reported section
     */
    public RecordingContext(DesiredSection section, ReportedSection reported) {
        this.section = section;
        this.reported = reported;
    }

    @Override
    public void progress(String description) {
        if (checkOpen("progress")) {
            synchronized (this) {
                progress.add(description);
            }
            reported.merge(acks(202, description));
            if (firstProgress.getCount() > 0) {
                firstProgress.countDown();
                onFirstProgress.run();
            }
        }
    }

    @Override
    public void report(Map<String, ?> properties) {
        if (!checkOpen("report")) {
            return;
        }
        for (String key : properties.keySet()) {
            if (key.startsWith("__") || section.properties().containsKey(key)) {
                String problem = "report(" + key + "): keys must not start with '__' nor name a desired property"
                        + " of the section " + section.properties().keySet();
                violation(problem);
                throw new IllegalArgumentException(problem);
            }
        }
        reported.merge(properties);
    }

    @Override
    public boolean isSuperseded() {
        checkOpen("isSuperseded");
        if (superseded) {
            pollsAfterSuperseded.incrementAndGet();
        }
        return superseded;
    }

    /**
     * @param code the acknowledgement code
     * @param description the acknowledgement text
     * @return {@code {"<property>": {"value", "ac", "av", "ad"}}} for every property of the section
     */
    public Map<String, Object> acks(int code, String description) {
        Map<String, Object> acks = new LinkedHashMap<>();
        section.properties().forEach((key, value) -> {
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("value", value);
            ack.put("ac", (long) code);
            ack.put("av", section.version());
            ack.put("ad", description);
            acks.put(key, ack);
        });
        return acks;
    }

    /** @param action run on the handler's thread during its first progress report */
    public void onFirstProgress(Runnable action) {
        this.onFirstProgress = action;
    }

    /** Marks a newer desired version as waiting. */
    public void supersede() {
        superseded = true;
    }

    /** Ends the validity of this context: later calls are violations. */
    public void close() {
        closed = true;
    }

    /** @return whether {@link #supersede()} was called */
    public boolean superseded() {
        return superseded;
    }

    /** @return how often the handler asked {@link #isSuperseded()} after it turned true */
    public int pollsAfterSuperseded() {
        return pollsAfterSuperseded.get();
    }

    /** @return the progress descriptions, in order */
    public synchronized List<String> progressReports() {
        return List.copyOf(progress);
    }

    /** @return the contract breaches seen so far */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    private boolean checkOpen(String method) {
        if (closed) {
            violation(method + "() called after apply returned; the context is valid only during apply");
            return false;
        }
        return true;
    }

    private synchronized void violation(String problem) {
        violations.add(problem);
    }
}
