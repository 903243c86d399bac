package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.command.CommandRegistry;
import dev.moduleagent.agent.internal.command.CommandRouter;
import dev.moduleagent.agent.internal.command.CommandThreads;
import dev.moduleagent.agent.internal.command.PluginTelemetry;
import dev.moduleagent.agent.internal.dispatch.DesiredFeed;
import dev.moduleagent.agent.internal.dispatch.DispatchExecutors;
import dev.moduleagent.agent.internal.dispatch.DispatchListener;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.dispatch.TwinDispatcher;
import dev.moduleagent.agent.internal.health.AgentMetrics;
import dev.moduleagent.agent.internal.health.CountingLink;
import dev.moduleagent.agent.internal.health.DispatchTee;
import dev.moduleagent.agent.internal.health.HealthState;
import dev.moduleagent.agent.internal.hub.ChannelFactory;
import dev.moduleagent.agent.internal.hub.HubSession;
import dev.moduleagent.agent.internal.identity.ModuleIdentity;
import dev.moduleagent.agent.internal.reported.LaneHold;
import dev.moduleagent.agent.internal.reported.OutboxSender;
import dev.moduleagent.agent.internal.reported.ReportThrottle;
import dev.moduleagent.agent.internal.reported.ReportedAggregator;
import dev.moduleagent.agent.internal.retry.Backoff;
import dev.moduleagent.agent.internal.status.AgentReports;
import dev.moduleagent.agent.internal.status.AgentStatus;
import dev.moduleagent.agent.internal.status.PluginInventory;
import dev.moduleagent.agent.internal.store.StateStore;
import dev.moduleagent.agent.internal.store.StoreException;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.api.Telemetry;
import dev.moduleagent.twin.TwinLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent, without OSGi: state store, reported outbox and its sender, dispatcher, hub session and status,
 * wired together and owning their threads. The DS component is a thin shell around it; tests drive it with a fake
 * channel.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    /** A stop never takes longer than this, whatever the hub or a plug-in does (plus at most the store's close). */
    private static final Duration STOP_BUDGET = Duration.ofSeconds(3);
    /** Of that, how long to try to get the queued reports (and "disconnected") to a connected hub. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(1);
    /** Of that, how long the SDK may take to close its connection. */
    private static final Duration CHANNEL_CLOSE_WAIT = Duration.ofSeconds(1);

    private final StateStore store;
    private final ReportedAggregator reported;
    private final AgentStatus status;
    private final OutboxSender sender;
    private final ReportThrottle pluginReports;
    private final TwinDispatcher dispatcher;
    private final AgentMetrics metrics;
    private final HealthState health;
    private final HubSession session;
    private final DispatchExecutors dispatchThreads;
    private final ScheduledExecutorService sessionThread;
    private final ExecutorService senderThread;
    private final CommandRegistry commands = new CommandRegistry();
    private final CommandThreads commandThreads = new CommandThreads();

    private Agent(Path dataDir, ModuleIdentity identity, ChannelFactory channels, String version, Clock clock,
                  AgentTuning tuning) throws StoreException {
        store = StateStore.open(dataDir);
        reported = new ReportedAggregator(store, TwinLimits.MAX_PATCH_BYTES);
        status = new AgentStatus(reported::reportAgent, clock);
        status.started(version, identity);
        dispatchThreads = DispatchExecutors.create(tuning.progressInterval());
        sessionThread = Executors.newSingleThreadScheduledExecutor(daemon("agent-hub-session"));
        senderThread = Executors.newSingleThreadExecutor(daemon("agent-reported-sender"));
        PluginInventory inventory = new PluginInventory(reported::reportAgent, this::sendEvent, clock);
        metrics = new AgentMetrics(reported::pendingPatches, identity::notAfter, clock);
        health = new HealthState(metrics, reported::pendingPatches, clock);
        pluginReports = new ReportThrottle(reported, dispatchThreads.timer(), tuning.progressInterval());
        DispatchListener observers = new DispatchTee(new DispatchTee(inventory, health), new LaneHold(reported));
        dispatcher = new TwinDispatcher(store, pluginReports, observers, dispatchThreads);
        session = new HubSession(channels, new TwinBridge(new DesiredFeed(dispatcher), status, reported, health),
                sessionThread, new Backoff(tuning.retryInitial(), tuning.retryMax()));
        sender = new OutboxSender(reported, new CountingLink(session, metrics),
                new Backoff(tuning.retryInitial(), tuning.retryMax()));
        reported.onNewWork(sender::wake);
        session.onConnected(sender::connectionUp);
        session.onMethods(new CommandRouter(commands, commandThreads));
        senderThread.execute(sender);
    }

    /**
     * Opens the state, starts the threads and begins connecting in the background; returns at once.
     *
     * @param settings the checked configuration
     * @param identity the checked identity
     * @param channels makes hub channels
     * @param version the agent's version, as reported
     * @param clock the time source
     * @param tuning retry and throttle timings
     * @return the running agent
     * @throws StartupException when the data folder cannot be used
     */
    public static Agent start(AgentSettings settings, ModuleIdentity identity, ChannelFactory channels, String version,
                              Clock clock, AgentTuning tuning) throws StartupException {
        Agent agent;
        try {
            agent = new Agent(settings.dataDir(), identity, channels, version, clock, tuning);
        } catch (StoreException e) {
            throw new StartupException(e.getMessage());
        }
        LOG.info("module agent starting version={} identity={} hub={} transport={} stateFile={}", version,
                identity.commonName(), settings.hubHost(), settings.transport(), agent.store.file());
        agent.session.start();
        return agent;
    }

    /** @return where the agent's own properties (component {@code agent}) go */
    public AgentReports agentReports() {
        return reported::reportAgent;
    }

    /** @return the agent's health (for {@code /health}) */
    public HealthState health() {
        return health;
    }

    /** @return the agent's metrics (for {@code /metrics}) */
    public AgentMetrics metrics() {
        return metrics;
    }

    /**
     * Reconnects to the hub at once with what the channel factory makes now (a renewed identity); the dispatcher and
     * the plug-ins only see the full twin read that follows every connect.
     *
     * @return completes when connected and the twin read; exceptionally with the reason when that attempt failed
     */
    public CompletableFuture<Void> reconnect() {
        return session.reconnect();
    }

    /** @return the reported-properties service offered to plug-ins */
    public ReportedProperties reported() {
        return pluginReports;
    }

    /** @return the command handlers by component, answering {@code <component>*<command>} direct methods */
    public CommandRegistry commands() {
        return commands;
    }

    /** @return the telemetry service offered to plug-ins */
    public Telemetry telemetry() {
        return new PluginTelemetry(this::sendEvent);
    }

    /**
     * @param info who provides the handler
     * @param handler a plug-in
     */
    public void addHandler(HandlerInfo info, ComponentHandler handler) {
        LOG.info("plug-in bound component={} bundle={} version={} service={}", info.component(), info.bundle(),
                info.bundleVersion(), info.serviceId());
        dispatcher.addHandler(info, handler);
    }

    /** @param component a component whose newest desired section its plug-in must apply again (after a rollback) */
    public void rehand(String component) {
        dispatcher.rehand(component);
    }

    /** @param serviceId the service id of a plug-in that went away */
    public void removeHandler(long serviceId) {
        dispatcher.removeHandler(serviceId);
    }

    /**
     * Stops within {@link #STOP_BUDGET}: plug-in work is superseded, the hub is told the agent goes offline (when
     * connected; what is queued goes with it if the hub answers in time), the connection is closed, the threads are
     * stopped (interrupting plug-in calls) and the state is closed. Reports the hub did not confirm wait on disk and
     * are sent after the next start.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + STOP_BUDGET.toNanos();
        dispatcher.close();
        commandThreads.close();
        pluginReports.flush();
        reported.endHolds();
        if (session.isConnected()) {
            status.stopping();
            if (!sender.awaitEmpty(FLUSH_WAIT)) {
                LOG.info("stopping without the hub's confirmation unconfirmedPatches={}", reported.pendingPatches());
            }
        }
        session.stop(CHANNEL_CLOSE_WAIT);
        sessionThread.shutdownNow();
        senderThread.shutdownNow();
        dispatchThreads.shutdown(left(deadline));
        awaitQuietly(sessionThread, left(deadline));
        awaitQuietly(senderThread, left(deadline));
        pluginReports.flush(); // what plug-ins reported while they were being stopped
        int waiting = reported.pendingPatches();
        store.close();
        LOG.info("module agent stopped patchesWaitingOnDisk={}", waiting);
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static void awaitQuietly(ExecutorService executor, Duration atMost) {
        try {
            if (!executor.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("agent thread did not end in time action=continue-stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean sendEvent(String component, String json) {
        return session.sendEvent(component, json);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
