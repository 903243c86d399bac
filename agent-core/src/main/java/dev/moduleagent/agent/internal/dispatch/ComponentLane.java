package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.agent.internal.json.ContentHash;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serial queue of one component: at most one section in the plug-in's hands and one waiting (the newest;
 * older waiting ones are dropped, and the one in flight is told it is superseded). Content already applied, in
 * flight or waiting is not queued again.
 */
final class ComponentLane {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentLane.class);

    private final String component;
    private final AppliedLedger ledger;
    private final AckSink acks;
    private final DispatchListener listener;
    private final DispatchExecutors executors;
    private final HandlerChoice handlers = new HandlerChoice();
    private Work pending;
    private ApplyRun running;
    private long latestVersion = -1;
    /** The newest section offered (applied, waiting or unchanged), for {@link #rehand()}; null once removed. */
    private Work latest;
    private boolean draining;
    private boolean closed;

    ComponentLane(String component, AppliedLedger ledger, AckSink acks, DispatchListener listener,
                  DispatchExecutors executors) {
        this.component = component;
        this.ledger = ledger;
        this.acks = acks;
        this.listener = listener;
        this.executors = executors;
    }

    void offer(long version, Map<String, Object> properties) {
        Work work = new Work(new DesiredSection(component, version, properties), ContentHash.of(properties));
        boolean waits;
        synchronized (this) {
            if (closed || version <= latestVersion) {
                return;
            }
            latest = work;
            if (!accept(work)) {
                return;
            }
            waits = handlers.current() == null;
            startDrain();
        }
        if (waits) {
            LOG.info("component {}: desired $version {} waits for a plug-in", component, version);
            listener.stateChanged(component, LaneState.WAITING_FOR_PLUGIN);
        }
    }

    /** Must hold the lock; returns whether the work became the pending one. */
    private boolean accept(Work work) {
        latestVersion = work.section().version();
        if (pending != null) {
            if (pending.hash().equals(work.hash())) {
                return false;
            }
        } else if (running != null && !running.superseded()) {
            if (running.work().hash().equals(work.hash())) {
                return false;
            }
            running.supersede();
        } else if (running == null && appliedHash().filter(work.hash()::equals).isPresent()) {
            LOG.debug("component {}: section unchanged at $version {}, not dispatched", component, latestVersion);
            return false;
        }
        pending = work;
        return true;
    }

    void remove(long version) {
        boolean hadWork;
        synchronized (this) {
            if (closed || version <= latestVersion) {
                return;
            }
            latestVersion = version;
            latest = null;
            hadWork = pending != null || running != null;
            pending = null;
            if (running != null) {
                running.supersede();
            }
        }
        ledger.forgetApplied(component);
        if (hadWork) {
            LOG.info("component {}: section removed from the desired properties at $version {}", component, version);
        }
    }

    /**
     * Hands the newest section to the plug-in again even though it did not change (after the plug-in was rolled back
     * to an earlier version, which must apply it again). Nothing happens while work is pending or running.
     */
    synchronized void rehand() {
        if (closed || latest == null || pending != null || running != null) {
            return;
        }
        LOG.info("component {}: desired $version {} handed over again", component, latest.section().version());
        pending = latest;
        startDrain();
    }

    void addHandler(HandlerInfo info, ComponentHandler handler) {
        HandlerInfo current;
        int count;
        synchronized (this) {
            handlers.add(info, handler);
            current = handlers.currentInfo();
            count = handlers.size();
            startDrain();
        }
        if (count > 1) {
            LOG.warn("component {} has {} plug-ins; {} {} (service {}) serves it", component, count,
                    current.bundle(), current.bundleVersion(), current.serviceId());
        }
        listener.handlerChanged(component, current);
    }

    void removeHandler(long serviceId) {
        HandlerInfo current;
        synchronized (this) {
            if (!handlers.remove(serviceId)) {
                return;
            }
            current = handlers.currentInfo();
        }
        listener.handlerChanged(component, current);
    }

    synchronized void close() {
        closed = true;
        pending = null;
        if (running != null) {
            running.supersede();
        }
    }

    /** Must hold the lock. */
    private void startDrain() {
        if (draining || pending == null || handlers.current() == null || closed) {
            return;
        }
        try {
            executors.lanes().execute(this::drain);
            draining = true;
            listener.laneBusy(component, true);
        } catch (RejectedExecutionException e) {
            LOG.debug("component {}: dispatcher stopped", component);
        }
    }

    private void drain() {
        while (true) {
            ApplyRun run;
            ComponentHandler handler;
            synchronized (this) {
                handler = handlers.current();
                if (closed || pending == null || handler == null) {
                    draining = false;
                    run = null;
                } else {
                    run = new ApplyRun(pending);
                    running = run;
                    pending = null;
                }
            }
            if (run == null) {
                listener.laneBusy(component, false);
                return;
            }
            listener.stateChanged(component, LaneState.APPLYING);
            LOG.info("component {}: applying desired $version {}", component, run.work().section().version());
            finish(run, execute(run, handler));
        }
    }

    private Ack execute(ApplyRun run, ComponentHandler handler) {
        DesiredSection section = run.work().section();
        ProgressThrottle throttle = new ProgressThrottle(executors.timer(), executors.progressInterval(),
                description -> acknowledge(section, new Ack(202, section.version(), description)));
        try {
            return run.execute(handler, new LaneContext(run, throttle, acks), executors.plugins());
        } catch (RejectedExecutionException e) {
            return null;
        } finally {
            synchronized (this) {
                run.close();
            }
            throttle.close();
        }
    }

    private void finish(ApplyRun run, Ack ack) {
        DesiredSection section = run.work().section();
        boolean counts;
        synchronized (this) {
            counts = ack != null && !run.superseded() && !closed;
        }
        if (counts) {
            acknowledgeApplied(section, ack, new AppliedRecord(section.version(), run.work().hash(), ack.code()));
        }
        LaneState next;
        synchronized (this) {
            running = null;
            next = pending == null ? LaneState.IDLE
                    : handlers.current() == null ? LaneState.WAITING_FOR_PLUGIN : LaneState.APPLYING;
        }
        if (counts) {
            LOG.info("component {}: $version {} acknowledged with {} {}", component, section.version(), ack.code(),
                    ack.description());
            listener.outcome(component, ack);
        } else if (ack != null) {
            LOG.info("component {}: outcome of $version {} dropped, superseded", component, section.version());
        }
        listener.stateChanged(component, next);
    }

    private void acknowledge(DesiredSection section, Ack ack) {
        try {
            acks.acknowledge(component, section.properties(), ack);
        } catch (RuntimeException e) {
            LOG.error("component {}: cannot acknowledge $version {} with {}: {}", component, section.version(),
                    ack.code(), e.getMessage());
        }
    }

    /** Record and ack in one step; an ack that cannot be written still leaves the record, so nothing re-applies. */
    private void acknowledgeApplied(DesiredSection section, Ack ack, AppliedRecord record) {
        try {
            acks.acknowledgeApplied(component, section.properties(), ack, record);
        } catch (RuntimeException e) {
            LOG.error("component {}: cannot acknowledge $version {} with {}: {}", component, section.version(),
                    ack.code(), e.getMessage());
            ledger.recordApplied(component, record);
        }
    }

    private Optional<String> appliedHash() {
        return ledger.applied(component).map(AppliedRecord::hash);
    }
}
