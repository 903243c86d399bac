package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.identity.IdentityKey;

/** Told of every committed desired change, in version order, so that it can be pushed to the connected client. */
@FunctionalInterface
public interface DesiredListener {
    /**
     * @param patch   the change as IoT Hub sends it: the patched properties ({@code null} for removed ones) and {@code $version}
     * @param version the new desired {@code $version}
     */
    void desiredChanged(IdentityKey key, JsonObject patch, long version);
}
