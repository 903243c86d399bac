package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.twin.ContentHash;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serial queue of one component: at most one section in the plug-in's hands and one waiting (the newest;
 * older waiting ones are dropped, and the one in flight is told it is superseded). Content already applied, in
 * flight or waiting is not queued again. A newer section that would supersede work in flight or waiting is first
 * validated by the plug-in ({@link OfferCheck}): when refused it is acknowledged at once and the work goes on; the
 * refusal is acknowledged again and recorded once the lane is idle, so that it is the component's last answer.
 */
final class ComponentLane {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentLane.class);

    private final String component;
    private final AppliedLedger ledger;
    private final AckSink acks;
    private final DispatchListener listener;
    private final DispatchExecutors executors;
    private final LaneAcks laneAcks;
    private final HandlerChoice handlers = new HandlerChoice();
    private Work pending;
    private ApplyRun running;
    private long latestVersion = -1;
    /** The newest section offered (applied, waiting or unchanged), for {@link #rehand()}; null once removed. */
    private Work latest;
    /** The newer section whose offer-time validation runs; its verdict counts only while it is still this one. */
    private Work checking;
    /** A newer section refused at offer time while older work went on; answered again when the lane is idle. */
    private Refusal refused;
    private boolean draining;
    private boolean closed;

    ComponentLane(String component, AppliedLedger ledger, AckSink acks, DispatchListener listener,
                  DispatchExecutors executors) {
        this.component = component;
        this.ledger = ledger;
        this.acks = acks;
        this.listener = listener;
        this.executors = executors;
        this.laneAcks = new LaneAcks(component, ledger, acks);
    }

    void offer(long version, Map<String, Object> properties) {
        Work work = new Work(new DesiredSection(component, version, properties), ContentHash.of(properties));
        boolean waits;
        ComponentHandler checkWith = null;
        synchronized (this) {
            if (closed || version <= latestVersion) {
                return;
            }
            latest = work;
            checking = null;
            if (refused != null && refused.work().hash().equals(work.hash())) {
                latestVersion = version;
                return;
            }
            refused = null;
            boolean inFlight = pending != null || running != null && !running.superseded();
            if (inFlight && handlers.current() != null) {
                latestVersion = version;
                if (!isNew(work)) {
                    return;
                }
                checking = work;
                checkWith = handlers.current();
            } else if (!accept(work)) {
                return;
            }
            waits = handlers.current() == null;
            startDrain();
        }
        if (checkWith != null) {
            if (!OfferCheck.start(checkWith, work, executors, this::settle)) {
                LOG.debug("component {}: dispatcher stopped", component);
            }
        } else if (waits) {
            LOG.info("desired waiting for plug-in component={} version={}", component, version);
            listener.stateChanged(component, LaneState.WAITING_FOR_PLUGIN);
        }
    }

    /** Must hold the lock; returns whether the work became the pending one. */
    private boolean accept(Work work) {
        latestVersion = work.section().version();
        if (!isNew(work)) {
            return false;
        }
        if (pending == null && running != null && !running.superseded()) {
            running.supersede();
        }
        pending = work;
        return true;
    }

    /** Must hold the lock; whether the content differs from the one waiting, else in flight, else applied. */
    private boolean isNew(Work work) {
        if (pending != null) {
            return !pending.hash().equals(work.hash());
        }
        if (running != null && !running.superseded()) {
            return !running.work().hash().equals(work.hash());
        }
        if (running == null && ledger.applied(component).filter(r -> r.hash().equals(work.hash())).isPresent()) {
            LOG.debug("component {}: section unchanged at $version {}, not dispatched", component, latestVersion);
            return false;
        }
        return true;
    }

    /** The offer-time validation of {@code work} ended: refused, it leaves the work in flight alone. */
    private void settle(Work work, Ack refusal) {
        boolean idle;
        synchronized (this) {
            if (closed || checking != work) {
                return;
            }
            checking = null;
            if (refusal == null) {
                if (accept(work)) {
                    startDrain();
                }
                return;
            }
            idle = pending == null && running == null;
            refused = idle ? null : new Refusal(work, refusal);
        }
        DesiredSection section = work.section();
        LOG.info("desired refused at offer component={} version={} code={} description=\"{}\"", component,
                section.version(), refusal.code(), refusal.description());
        if (idle) {
            laneAcks.applied(work, refusal);
        } else {
            laneAcks.progress(section, refusal);
        }
        listener.outcome(component, refusal);
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
            checking = null;
            refused = null;
            if (running != null) {
                running.supersede();
            }
        }
        ledger.forgetApplied(component);
        if (hadWork) {
            LOG.info("desired section removed component={} version={}", component, version);
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
        LOG.info("desired handed over again component={} version={}", component, latest.section().version());
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
            LOG.warn("component served by several plug-ins component={} count={} bundle={} version={} service={}", component, count,
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
        checking = null;
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
            LOG.info("desired applying component={} version={}", component, run.work().section().version());
            finish(run, execute(run, handler));
        }
    }

    private Ack execute(ApplyRun run, ComponentHandler handler) {
        DesiredSection section = run.work().section();
        ProgressThrottle throttle = new ProgressThrottle(executors.timer(), executors.progressInterval(),
                description -> laneAcks.progress(section, new Ack(202, section.version(), description)));
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
            laneAcks.applied(run.work(), ack);
        }
        LaneState next;
        Refusal answerAgain = null;
        synchronized (this) {
            running = null;
            next = pending == null ? LaneState.IDLE
                    : handlers.current() == null ? LaneState.WAITING_FOR_PLUGIN : LaneState.APPLYING;
            if (pending == null && checking == null && !closed) {
                answerAgain = refused;
                refused = null;
            }
        }
        if (counts) {
            LOG.info("desired applied component={} version={} code={} description=\"{}\"", component, section.version(), ack.code(),
                    ack.description());
            listener.outcome(component, ack);
        } else if (ack != null) {
            LOG.info("desired outcome dropped component={} version={} reason=superseded", component, section.version());
        }
        if (answerAgain != null) {
            laneAcks.applied(answerAgain.work(), answerAgain.ack());
        }
        listener.stateChanged(component, next);
    }
}
