package dev.moduleagent.localhub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.client.OwnerConnection;
import dev.moduleagent.localhub.internal.client.ServiceTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of a local hub's service API (HTTPS, owner SAS token), as used by tests, demos and the local-hub CLI.
 * Thread-safe. Every failing call throws {@link ServiceException} with the hub's status and one-line message.
 */
public final class ServiceClient {

    private final ServiceTransport transport;

    private ServiceClient(ServiceTransport transport) {
        this.transport = transport;
    }

    /**
     * @param ownerConnectionString {@code HostName=…;SharedAccessKeyName=iothubowner;SharedAccessKey=…}
     * @param caCertificateFile     the hub's CA (PEM), trusted for the HTTPS connection
     * @param servicePort           the service API port
     * @throws IllegalArgumentException when the connection string or the CA file is unusable
     */
    public static ServiceClient connect(String ownerConnectionString, Path caCertificateFile, int servicePort) {
        return new ServiceClient(new ServiceTransport(OwnerConnection.parse(ownerConnectionString), caCertificateFile, servicePort));
    }

    /** The HostName this client talks to (from its connection string). */
    public String hostName() {
        return transport.hostName();
    }

    /** Creates a device with IoT Hub's default authentication (SAS, generated keys). */
    public JsonObject createDevice(String deviceId) throws ServiceException {
        return createDevice(deviceId, null);
    }

    /** Creates a device authenticated by X.509 thumbprint (SHA-1 or SHA-256 hex). */
    public JsonObject createDeviceWithThumbprint(String deviceId, String primaryThumbprint, String secondaryThumbprint)
        throws ServiceException {
        return createDevice(deviceId, Bodies.thumbprintAuth(primaryThumbprint, secondaryThumbprint));
    }

    /** Creates a device authenticated by a certificate from a verified CA (CN = device id). */
    public JsonObject createDeviceWithCa(String deviceId) throws ServiceException {
        return createDevice(deviceId, Bodies.caAuth());
    }

    /** Creates a device with an IoT Hub {@code authentication} object (null for the default). */
    public JsonObject createDevice(String deviceId, JsonObject authentication) throws ServiceException {
        JsonObject body = new JsonObject();
        body.addProperty("deviceId", deviceId);
        if (authentication != null) {
            body.add("authentication", authentication);
        }
        return transport.call("PUT", ServicePaths.device(deviceId), body, null).getAsJsonObject();
    }

    public JsonObject createModuleWithThumbprint(String deviceId, String moduleId, String primaryThumbprint, String secondaryThumbprint)
        throws ServiceException {
        return createModule(deviceId, moduleId, Bodies.thumbprintAuth(primaryThumbprint, secondaryThumbprint));
    }

    public JsonObject createModuleWithCa(String deviceId, String moduleId) throws ServiceException {
        return createModule(deviceId, moduleId, Bodies.caAuth());
    }

    /** Creates a module with an IoT Hub {@code authentication} object (null for the default); its twin is created with it. */
    public JsonObject createModule(String deviceId, String moduleId, JsonObject authentication) throws ServiceException {
        JsonObject body = new JsonObject();
        body.addProperty("deviceId", deviceId);
        body.addProperty("moduleId", moduleId);
        if (authentication != null) {
            body.add("authentication", authentication);
        }
        return transport.call("PUT", ServicePaths.module(deviceId, moduleId), body, null).getAsJsonObject();
    }

    public JsonObject getDevice(String deviceId) throws ServiceException {
        return transport.call("GET", ServicePaths.device(deviceId), null, null).getAsJsonObject();
    }

    public JsonObject getModule(String deviceId, String moduleId) throws ServiceException {
        return transport.call("GET", ServicePaths.module(deviceId, moduleId), null, null).getAsJsonObject();
    }

    public void deleteDevice(String deviceId) throws ServiceException {
        transport.call("DELETE", ServicePaths.device(deviceId), null, null);
    }

    public void deleteModule(String deviceId, String moduleId) throws ServiceException {
        transport.call("DELETE", ServicePaths.module(deviceId, moduleId), null, null);
    }

    /** Uploads a CA and asks for its verification code: the answer has {@code etag} and {@code properties.verificationCode}. */
    public JsonObject uploadCa(String name, String pem) throws ServiceException {
        JsonObject properties = new JsonObject();
        properties.addProperty("certificate", pem);
        JsonObject body = new JsonObject();
        body.add("properties", properties);
        JsonObject uploaded = transport.call("PUT", ServicePaths.certificate(name), body, null).getAsJsonObject();
        return transport.call("POST", ServicePaths.certificate(name) + "/generateVerificationCode", new JsonObject(),
            uploaded.get("etag").getAsString()).getAsJsonObject();
    }

    /** Proves possession of an uploaded CA with a certificate whose CN is the verification code, signed by the CA. */
    public JsonObject verifyCa(String name, String verificationCertPem) throws ServiceException {
        JsonObject current = transport.call("GET", ServicePaths.certificate(name), null, null).getAsJsonObject();
        JsonObject body = new JsonObject();
        body.addProperty("certificate", verificationCertPem);
        return transport.call("POST", ServicePaths.certificate(name) + "/verify", body, current.get("etag").getAsString()).getAsJsonObject();
    }

    public JsonObject getModuleTwin(String deviceId, String moduleId) throws ServiceException {
        return transport.call("GET", ServicePaths.moduleTwin(deviceId, moduleId), null, null).getAsJsonObject();
    }

    public JsonObject getDeviceTwin(String deviceId) throws ServiceException {
        return transport.call("GET", ServicePaths.deviceTwin(deviceId), null, null).getAsJsonObject();
    }

    /** Merges a patch into the module twin's desired properties ({@code null} deletes); returns the twin. */
    public JsonObject patchModuleTwinDesired(String deviceId, String moduleId, JsonObject desiredPatch) throws ServiceException {
        return transport.call("PATCH", ServicePaths.moduleTwin(deviceId, moduleId), Bodies.desired(desiredPatch), null).getAsJsonObject();
    }

    /** Merges an IoT Hub twin patch ({@code {"tags":{…},"properties":{"desired":{…}}}}) into a module twin, in one change. */
    public JsonObject updateModuleTwin(String deviceId, String moduleId, JsonObject twinPatch) throws ServiceException {
        return transport.call("PATCH", ServicePaths.moduleTwin(deviceId, moduleId), twinPatch, null).getAsJsonObject();
    }

    public JsonObject patchDeviceTwinDesired(String deviceId, JsonObject desiredPatch) throws ServiceException {
        return transport.call("PATCH", ServicePaths.deviceTwin(deviceId), Bodies.desired(desiredPatch), null).getAsJsonObject();
    }

    /** Invokes a direct method; returns {@code {"status":…,"payload":…}}, or throws with status 504 on timeout, 404 when offline. */
    public JsonObject invokeModuleMethod(String deviceId, String moduleId, String method, JsonElement payload, int timeoutSeconds)
        throws ServiceException {
        return invokeMethod(deviceId, moduleId, method, payload, timeoutSeconds, 0);
    }

    /**
     * Invokes a direct method on a module, or on the device itself when {@code moduleId} is null; a target that is
     * offline is waited for {@code connectTimeoutSeconds} (0: answer 404 {@code DeviceNotOnline} at once).
     */
    public JsonObject invokeMethod(String deviceId, String moduleId, String method, JsonElement payload, int timeoutSeconds,
                                   int connectTimeoutSeconds) throws ServiceException {
        JsonObject body = new JsonObject();
        body.addProperty("methodName", method);
        body.add("payload", payload);
        body.addProperty("responseTimeoutInSeconds", timeoutSeconds);
        body.addProperty("connectTimeoutInSeconds", connectTimeoutSeconds);
        String twin = moduleId == null ? ServicePaths.deviceTwin(deviceId) : ServicePaths.moduleTwin(deviceId, moduleId);
        return transport.call("POST", twin + "/methods", body, null, timeoutSeconds + connectTimeoutSeconds).getAsJsonObject();
    }

    /** Invokes a direct method on a device identity, like {@link #invokeModuleMethod}. */
    public JsonObject invokeDeviceMethod(String deviceId, String method, JsonElement payload, int timeoutSeconds)
        throws ServiceException {
        return invokeMethod(deviceId, null, method, payload, timeoutSeconds, 0);
    }

    /** The modules of a device, each with {@code connectionState} and {@code clientCertificateThumbprint}. */
    public List<JsonObject> modules(String deviceId) throws ServiceException {
        return objects(transport.call("GET", ServicePaths.device(deviceId) + "/modules", null, null));
    }

    /** The newest telemetry messages (at most {@code max}, oldest first) of a module, or of a device when moduleId is null. */
    public List<JsonObject> events(String deviceId, String moduleId, int max) throws ServiceException {
        return events(deviceId, moduleId, max, 0);
    }

    /** Like {@link #events(String, String, int)}, only messages with a sequence number above {@code after}. */
    public List<JsonObject> events(String deviceId, String moduleId, int max, long after) throws ServiceException {
        String base = moduleId == null ? ServicePaths.device(deviceId) : ServicePaths.module(deviceId, moduleId);
        return objects(transport.call("GET", base + "/events", null, null, "max=" + max + "&after=" + after));
    }

    /**
     * The hub's shared access policies ({@code keyName}, {@code primaryKey}, {@code rights}): keys are secrets. Needs an
     * owner (iothubowner) connection.
     */
    public List<JsonObject> policies() throws ServiceException {
        return objects(transport.call("GET", "/policies", null, null).getAsJsonObject().get("value"));
    }

    private static List<JsonObject> objects(JsonElement array) {
        List<JsonObject> list = new ArrayList<>();
        JsonArray items = array.getAsJsonArray();
        items.forEach(e -> list.add(e.getAsJsonObject()));
        return list;
    }
}
