package dev.moduleagent.localhub.internal.sas;

import java.util.EnumSet;
import java.util.Set;

/** IoT Hub's shared access permissions, with the names its policies and its documentation use. */
public enum Permission {
    /** Read access to the identity registry. */
    REGISTRY_READ("RegistryRead"),
    /** Write access to the identity registry. */
    REGISTRY_WRITE("RegistryWrite"),
    /** Cloud-side endpoints: twins (tags, desired), direct methods, device-to-cloud messages, queries. */
    SERVICE_CONNECT("ServiceConnect"),
    /** Device-facing endpoints: what a device or module does over MQTT. */
    DEVICE_CONNECT("DeviceConnect");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Every permission: what {@code iothubowner} has, and what local-hub's management routes (CAs, policies) need. */
    public static Set<Permission> all() {
        return EnumSet.allOf(Permission.class);
    }
}
