package dev.moduleagent.benchmark.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import dev.moduleagent.localhub.ServiceException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** One module's twin as the hub stores it, read through the service API: what "stored by the hub" means here. */
public final class Twins {

    private static final Duration POLL = Duration.ofMillis(1);

    private final ServiceClient service;
    private final String deviceId;
    private final String moduleId;

    public Twins(ServiceClient service, String deviceId, String moduleId) {
        this.service = service;
        this.deviceId = deviceId;
        this.moduleId = moduleId;
    }

    /** @return the twin now */
    public JsonObject read() throws BenchmarkException {
        try {
            return ServiceCalls.retried(() -> service.getModuleTwin(deviceId, moduleId));
        } catch (ServiceException e) {
            throw new BenchmarkException("cannot read the twin of " + deviceId + "/" + moduleId + ": " + e.getMessage(),
                    e);
        }
    }

    /** @return the desired {@code $version} after the patch */
    public long patchDesired(JsonObject patch) throws BenchmarkException {
        try {
            return version(ServiceCalls.retried(() -> service.patchModuleTwinDesired(deviceId, moduleId, patch)),
                    "desired");
        } catch (ServiceException e) {
            throw new BenchmarkException("the hub refused a desired patch: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the twin every millisecond until it satisfies the condition.
     *
     * @param alive checked between reads: a program that stopped ends the wait at once
     * @return the first twin that satisfies it
     * @throws BenchmarkException at the deadline or when the program stopped
     */
    public JsonObject await(String what, Duration deadline, BooleanSupplier alive, Predicate<JsonObject> condition)
            throws BenchmarkException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            JsonObject twin = read();
            if (condition.test(twin)) {
                return twin;
            }
            if (!alive.getAsBoolean()) {
                throw new BenchmarkException("the program stopped while waiting for " + what);
            }
            if (System.nanoTime() > end) {
                throw new BenchmarkException("no " + what + " within " + deadline.toSeconds() + " s");
            }
            Pause.briefly(POLL);
        }
    }

    /**
     * Waits until the reported {@code $version} has not changed for the quiet period (a program's trailing patches).
     *
     * @return the reported version then
     */
    public long settle(Duration quiet, Duration deadline) throws BenchmarkException {
        long end = System.nanoTime() + deadline.toNanos();
        long version = reportedVersion(read());
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos() && System.nanoTime() < end) {
            Pause.briefly(Duration.ofMillis(20));
            long now = reportedVersion(read());
            if (now != version) {
                version = now;
                since = System.nanoTime();
            }
        }
        return version;
    }

    /** @return the reported {@code $version}: the hub adds one per reported patch it stores */
    public static long reportedVersion(JsonObject twin) {
        return version(twin, "reported");
    }

    /** @return a reported property as text, or "" */
    public static String reportedText(JsonObject twin, String property) {
        JsonElement value = section(twin, "reported").get(property);
        return value == null || value.isJsonNull() ? "" : value.toString();
    }

    /** @return true when the component's property carries the acknowledgement {@code ac=200, av=version} */
    public static boolean acked(JsonObject twin, String component, String property, long version) {
        JsonElement section = section(twin, "reported").get(component);
        if (section == null || !section.isJsonObject()) {
            return false;
        }
        JsonElement ack = section.getAsJsonObject().get(property);
        return ack != null && ack.isJsonObject() && ack.getAsJsonObject().has("ac") && ack.getAsJsonObject().has("av")
                && ack.getAsJsonObject().get("ac").getAsInt() == 200
                && ack.getAsJsonObject().get("av").getAsLong() == version;
    }

    private static long version(JsonObject twin, String which) {
        JsonElement version = section(twin, which).get("$version");
        return version == null ? 0 : version.getAsLong();
    }

    private static JsonObject section(JsonObject twin, String which) {
        JsonElement properties = twin.get("properties");
        if (properties == null || !properties.isJsonObject()) {
            return new JsonObject();
        }
        JsonElement section = properties.getAsJsonObject().get(which);
        return section != null && section.isJsonObject() ? section.getAsJsonObject() : new JsonObject();
    }
}
