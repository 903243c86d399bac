package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.mqtt.ClientOutbound;

/** How the hub reaches one identity on an AMQP connection: each call hops onto the connection's thread. */
final class AmqpOutbound implements ClientOutbound {

    private final AmqpConnection connection;
    private final IdentityKey key;

    AmqpOutbound(AmqpConnection connection, IdentityKey key) {
        this.connection = connection;
        this.key = key;
    }

    @Override
    public void pushDesired(byte[] patch, long version) {
        connection.execute(() -> connection.twin().pushDesired(key, patch, version));
    }

    @Override
    public void requestMethod(String method, String rid, byte[] payload) {
        connection.execute(() -> connection.methods().request(key, method, rid, payload));
    }

    @Override
    public void close() {
        connection.execute(() -> connection.closeWith(AmqpErrors.CONNECTION_FORCED,
            "a newer connection of " + key + " took over, or the identity was removed"));
    }
}
