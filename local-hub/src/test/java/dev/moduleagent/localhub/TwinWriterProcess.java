package dev.moduleagent.localhub;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * The child process of {@link DurabilityIT}: runs a hub and changes one twin (tags and desired, in one change) as fast
 * as it can, printing {@code ACK n} after the hub confirmed change n, until it is killed.
 */
public final class TwinWriterProcess {

    static final String DEVICE = "device-durable";
    static final String MODULE = "module-durable";
    static final String BLOB = "b".repeat(2000);

    private TwinWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        LocalHub hub = LocalHub.start(HubConfig.defaults(args[1], Path.of(args[0])));
        ServiceClient service = hub.serviceClient();
        try {
            service.createDevice(DEVICE);
            service.createModuleWithCa(DEVICE, MODULE);
        } catch (ServiceException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
        JsonObject desired = service.getModuleTwin(DEVICE, MODULE).getAsJsonObject("properties").getAsJsonObject("desired");
        long counter = desired.has("counter") ? desired.get("counter").getAsLong() : 0;
        System.out.println("READY " + counter);
        while (true) {
            counter++;
            service.updateModuleTwin(DEVICE, MODULE, change(counter));
            System.out.println("ACK " + counter);
            System.out.flush();
        }
    }

    private static JsonObject change(long counter) {
        JsonObject tags = new JsonObject();
        tags.addProperty("counter", counter);
        JsonObject desiredPatch = new JsonObject();
        desiredPatch.addProperty("counter", counter);
        desiredPatch.addProperty("blob", BLOB + counter);
        JsonObject properties = new JsonObject();
        properties.add("desired", desiredPatch);
        JsonObject patch = new JsonObject();
        patch.add("tags", tags);
        patch.add("properties", properties);
        return patch;
    }
}
