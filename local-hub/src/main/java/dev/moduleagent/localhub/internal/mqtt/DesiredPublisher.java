package dev.moduleagent.localhub.internal.mqtt;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.twin.DesiredListener;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a desired change to the identity's live connection, when its session subscribed to desired properties,
 * on {@code $iothub/twin/PATCH/properties/desired/?$version=v} at the QoS its subscription was granted, as IoT Hub does. A client that is offline
 * gets nothing: it reads the twin after reconnecting (IoT Hub does not replay patches either).
 */
public final class DesiredPublisher implements DesiredListener {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredPublisher.class);

    private final SessionRegistry sessions;

    public DesiredPublisher(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void desiredChanged(IdentityKey key, JsonObject patch, long version) {
        if (!sessions.isSubscribed(key, SubscriptionKind.DESIRED)) {
            return;
        }
        sessions.live(key).ifPresent(connection -> {
            connection.pushDesired(patch.toString().getBytes(StandardCharsets.UTF_8), version, sessions.desiredQos(key));
            LOG.info("desired patch pushed id={} version={}", key, version);
        });
    }
}
