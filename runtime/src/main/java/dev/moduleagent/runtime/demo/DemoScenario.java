package dev.moduleagent.runtime.demo;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.HubConfig;
import dev.moduleagent.localhub.LocalHub;
import dev.moduleagent.localhub.LocalHubException;
import dev.moduleagent.localhub.ServiceException;
import dev.moduleagent.runtime.DistributionLayout;
import dev.moduleagent.runtime.LaunchException;
import dev.moduleagent.runtime.LaunchSettings;
import dev.moduleagent.runtime.Launcher;
import dev.moduleagent.runtime.RunningAgent;
import dev.moduleagent.runtime.internal.AgentConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole product on one machine: a local hub on a loopback address, a module registered in CA mode, the agent
 * with the example plug-ins, and one desired change for two components followed until the hub holds their
 * acknowledgements. Everything it writes is below the distribution's {@code demo/} folder, recreated each time.
 */
public final class DemoScenario implements AutoCloseable {

    /** The demo's device. */
    public static final String DEVICE_ID = "demo-gateway";
    /** The demo's module. */
    public static final String MODULE_ID = "module-agent";

    /** The transports the demo's agent may use; the WebSocket ones need the hub on port 443. */
    public static final List<String> TRANSPORTS = List.of("MQTT", "AMQPS", "MQTT_WS", "AMQPS_WS");
    private static final int WEBSOCKET_PORT = 443;

    private static final Logger LOG = LoggerFactory.getLogger(DemoScenario.class);

    private final DistributionLayout layout;
    private final String hubAddress;
    private final String transport;
    private final DemoFiles files;
    private LocalHub hub;
    private RunningAgent agent;

    /**
     * @param layout the distribution (its {@code system/} and {@code deploy/} bundles are used)
     * @param hubAddress the loopback address the hub binds, for example {@code 127.0.0.2}
     */
    public DemoScenario(DistributionLayout layout, String hubAddress) {
        this(layout, hubAddress, "MQTT");
    }

    /**
     * @param layout the distribution (its {@code system/} and {@code deploy/} bundles are used)
     * @param hubAddress the loopback address the hub binds, for example {@code 127.0.0.2}
     * @param transport one of {@link #TRANSPORTS}: how the agent connects to the hub
     */
    public DemoScenario(DistributionLayout layout, String hubAddress, String transport) {
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("transport must be one of " + TRANSPORTS + ", got " + transport);
        }
        this.layout = layout;
        this.hubAddress = hubAddress;
        this.transport = transport;
        this.files = new DemoFiles(layout.demo());
    }

    /**
     * Runs the demo up to the acknowledgement; hub and agent keep running until {@link #close()}.
     *
     * @param timeout how long the agent may take from its start to the acknowledgements
     * @return the acknowledged reported properties
     * @throws DemoException when a step fails or the acknowledgements do not arrive in time
     * @throws InterruptedException when interrupted
     */
    public DemoResult run(Duration timeout) throws DemoException, InterruptedException {
        try {
            files.recreate();
            hub = LocalHub.start(HubConfig.defaults(hubAddress, files.hubData())
                    .withWebSocketPort(transport.endsWith("_WS") ? WEBSOCKET_PORT : 0));
            ModuleEnrollment enrollment = ModuleEnrollment.withNewCa(hub, "demo-ca");
            enrollment.createDevice(DEVICE_ID);
            ModuleIdentityFiles identity = enrollment.createModule(DEVICE_ID, MODULE_ID, files.certs());
            DemoPlan plan = new DemoPlan(files.root());
            Path configFile = files.writeAgentConfig(hub.hostName(), DEVICE_ID, MODULE_ID, identity, transport);
            files.prepareDeploy(layout.deploy(), plan.pluginConfigurations());
            long started = System.nanoTime();
            agent = Launcher.start(new LaunchSettings(layout.system(), files.deploy(), files.frameworkStorage(),
                    AgentConfigFile.read(configFile, layout.home()), LaunchSettings.DEFAULT_POLL));
            return converge(plan, started, timeout);
        } catch (LocalHubException e) {
            throw new DemoException("the local hub cannot start on " + hubAddress + ": " + e.getMessage(), e);
        } catch (LaunchException e) {
            throw new DemoException("the agent cannot start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DemoException("cannot write the demo files: " + e.getMessage(), e);
        }
    }

    private DemoResult converge(DemoPlan plan, long started, Duration timeout)
            throws DemoException, InterruptedException, IOException {
        JsonObject patch = plan.desiredPatch();
        Map<String, List<String>> expected = DemoPlan.expectedAcks(patch);
        long version;
        try {
            version = new TwinView(hub.serviceClient().patchModuleTwinDesired(DEVICE_ID, MODULE_ID, patch))
                    .desiredVersion();
        } catch (ServiceException e) {
            throw new DemoException("the local hub refused the desired patch: " + e.getMessage(), e);
        }
        LOG.info("desired sent version={} components={}", version, expected.keySet());
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        TwinView twin = new TwinPoller(hub.serviceClient(), DEVICE_ID, MODULE_ID)
                .await(view -> view.missingAcks(expected, version, 200), left.isNegative() ? Duration.ZERO : left);
        JsonObject acknowledged = new JsonObject();
        expected.keySet().forEach(component -> twin.reportedComponent(component)
                .ifPresent(section -> acknowledged.add(component, section)));
        return new DemoResult(version, acknowledged, Duration.ofNanos(System.nanoTime() - started));
    }

    /** @return the hub's data folder (database, CA, owner credentials) */
    public Path hubData() {
        return files.hubData();
    }

    /** Stops the agent (flushing what it reports), then the hub. */
    @Override
    public void close() {
        try {
            if (agent != null) {
                agent.stop(RunningAgent.DEFAULT_STOP);
            }
        } catch (LaunchException e) {
            LOG.warn("{}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            agent = null;
            if (hub != null) {
                hub.close();
                hub = null;
            }
        }
    }
}
