package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.identity.IdentityKey;

/** The topic filters an IoT Hub client may subscribe to; anything else is refused in the SUBACK. */
public enum SubscriptionKind {
    TWIN_RESPONSES,
    DESIRED,
    METHODS,
    CLOUD_TO_DEVICE,
    INPUTS;

    /** The kind a filter stands for when the identity subscribes to it, or null when it is not allowed. */
    public static SubscriptionKind of(String filter, IdentityKey identity) {
        switch (filter) {
            case "$iothub/twin/res/#":
                return TWIN_RESPONSES;
            case "$iothub/twin/PATCH/properties/desired/#":
                return DESIRED;
            case "$iothub/methods/POST/#":
                return METHODS;
            default:
                break;
        }
        String prefix = DeviceTopics.identityPrefix(identity);
        if (filter.equals(prefix + "messages/devicebound/#")) {
            return CLOUD_TO_DEVICE;
        }
        if (identity.isModule() && filter.equals(prefix + "inputs/#")) {
            return INPUTS;
        }
        return null;
    }
}
