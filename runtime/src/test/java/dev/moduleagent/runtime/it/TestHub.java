package dev.moduleagent.runtime.it;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.EstConfig;
import dev.moduleagent.localhub.HubConfig;
import dev.moduleagent.localhub.LocalHub;
import dev.moduleagent.localhub.ServiceClient;
import dev.moduleagent.localhub.ServiceException;
import dev.moduleagent.runtime.demo.ModuleEnrollment;
import dev.moduleagent.runtime.demo.ModuleIdentityFiles;
import dev.moduleagent.runtime.demo.TwinView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** The real local hub of one IT class, on that class's own loopback address; can be stopped and started again. */
final class TestHub implements AutoCloseable {

    private final String address;
    private final Path dataDir;
    private final int webSocketPort;
    private final int mqttPort;
    private final EstConfig est;
    private LocalHub hub;
    private ModuleEnrollment enrollment;

    TestHub(String address, Path dataDir) throws Exception {
        this(address, dataDir, 0);
    }

    /** A hub that also offers MQTT over WebSockets on the given port (0: not). */
    TestHub(String address, Path dataDir, int webSocketPort) throws Exception {
        this(address, dataDir, webSocketPort, HubConfig.DEFAULT_MQTT_PORT, null);
    }

    /** A hub whose MQTT listener is on another port than 8883 (behind a relay that listens on 8883). */
    TestHub(String address, Path dataDir, int webSocketPort, int mqttPort) throws Exception {
        this(address, dataDir, webSocketPort, mqttPort, null);
    }

    /** A hub that also runs its EST server (any free port), or not when {@code est} is null. */
    TestHub(String address, Path dataDir, int webSocketPort, EstConfig est) throws Exception {
        this(address, dataDir, webSocketPort, HubConfig.DEFAULT_MQTT_PORT, est);
    }

    private TestHub(String address, Path dataDir, int webSocketPort, int mqttPort, EstConfig est) throws Exception {
        this.address = address;
        this.dataDir = dataDir;
        this.webSocketPort = webSocketPort;
        this.mqttPort = mqttPort;
        this.est = est;
        start();
        enrollment = ModuleEnrollment.withNewCa(hub, "it-ca");
    }

    void start() throws Exception {
        // REST on 8443; 443 (REST and WebSockets) only when a test asks for it, so that a hub without it can be tested
        HubConfig config = new HubConfig(address, mqttPort, HubConfig.FALLBACK_SERVICE_PORT, dataDir,
                HubConfig.DEFAULT_MAX_MODULES, webSocketPort);
        hub = est == null ? LocalHub.start(config) : LocalHub.start(config, est);
    }

    /** @return the EST URL of the running hub */
    String estUrl() {
        return "https://" + address + ":" + hub.estPort() + "/.well-known/est";
    }

    /** @return the running hub's service API */
    ServiceClient service() {
        return hub.serviceClient();
    }

    void stop() {
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }

    String hostName() {
        return address;
    }

    void createDevice(String deviceId) throws Exception {
        enrollment.createDevice(deviceId);
    }

    ModuleIdentityFiles createModule(String deviceId, String moduleId, Path folder) throws Exception {
        return enrollment.createModule(deviceId, moduleId, folder);
    }

    /** @return the twin's desired {@code $version} after the patch */
    long patchDesired(String deviceId, String moduleId, JsonObject patch) throws ServiceException {
        return new TwinView(hub.serviceClient().patchModuleTwinDesired(deviceId, moduleId, patch)).desiredVersion();
    }

    /** Invokes a direct method through the hub's service API: {@code {"status": …, "payload": …}}. */
    JsonObject invokeMethod(String deviceId, String moduleId, String method, JsonElement payload, int timeoutSeconds)
            throws ServiceException {
        return hub.serviceClient().invokeModuleMethod(deviceId, moduleId, method, payload, timeoutSeconds);
    }

    /** @return the hub's data folder, where the {@code local-hub} CLI finds its connection details */
    Path dataDir() {
        return dataDir;
    }

    /** @return the twin, or empty while the hub is down or does not answer */
    Optional<TwinView> twin(String deviceId, String moduleId) {
        try {
            LocalHub current = hub;
            return current == null ? Optional.empty()
                    : Optional.of(new TwinView(current.serviceClient().getModuleTwin(deviceId, moduleId)));
        } catch (ServiceException e) {
            return Optional.empty();
        }
    }

    /** Waits until the module twin satisfies the condition; returns the time it took. */
    Duration awaitTwin(String what, String deviceId, String moduleId, Duration deadline, Predicate<TwinView> condition)
            throws InterruptedException {
        return awaitTwin(what, deviceId, moduleId, deadline, Conditions.POLL, condition);
    }

    /** Waits until the module twin satisfies the condition, reading it at the given interval. */
    Duration awaitTwin(String what, String deviceId, String moduleId, Duration deadline, Duration poll,
            Predicate<TwinView> condition) throws InterruptedException {
        return Conditions.await(what, deadline, poll, () -> twin(deviceId, moduleId).filter(condition).isPresent());
    }

    @Override
    public void close() {
        stop();
    }
}
