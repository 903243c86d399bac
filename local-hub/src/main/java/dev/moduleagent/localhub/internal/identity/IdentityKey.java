package dev.moduleagent.localhub.internal.identity;

import java.util.Objects;

/** A device ({@code moduleId == null}) or a module identity; its MQTT client id is {@code device} or {@code device/module}. */
public record IdentityKey(String deviceId, String moduleId) {

    public IdentityKey {
        Objects.requireNonNull(deviceId, "deviceId");
        if (moduleId != null && moduleId.isEmpty()) {
            moduleId = null;
        }
    }

    public static IdentityKey device(String deviceId) {
        return new IdentityKey(deviceId, null);
    }

    public static IdentityKey module(String deviceId, String moduleId) {
        return new IdentityKey(deviceId, Objects.requireNonNull(moduleId, "moduleId"));
    }

    /** Splits an MQTT client id at its one '/'; null when it has more than one or an empty part. */
    public static IdentityKey fromClientId(String clientId) {
        int slash = clientId.indexOf('/');
        if (slash < 0) {
            return clientId.isEmpty() ? null : device(clientId);
        }
        String device = clientId.substring(0, slash);
        String module = clientId.substring(slash + 1);
        if (device.isEmpty() || module.isEmpty() || module.indexOf('/') >= 0) {
            return null;
        }
        return module(device, module);
    }

    public boolean isModule() {
        return moduleId != null;
    }

    /** The MQTT client id and certificate CN of this identity. */
    public String clientId() {
        return moduleId == null ? deviceId : deviceId + "/" + moduleId;
    }

    /** The module id as stored: '' for a device. */
    public String storedModuleId() {
        return moduleId == null ? "" : moduleId;
    }

    @Override
    public String toString() {
        return clientId();
    }
}
