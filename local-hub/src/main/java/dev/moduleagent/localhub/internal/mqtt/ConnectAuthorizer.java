package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.identity.AuthDecision;
import dev.moduleagent.localhub.internal.identity.ClientAuthenticator;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.tls.PeerCertificates;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.time.Clock;

/**
 * Checks a CONNECT as IoT Hub does: MQTT 3.1.1, client id {@code device[/module]}, a user name naming that identity,
 * and the identity's credential (the TLS client certificate, or a SAS token as password).
 */
final class ConnectAuthorizer {

    private static final int MQTT_3_1_1 = 4;

    /** Accepted (with the new connection) or refused (with the CONNACK code and the reason to log). */
    record Outcome(ClientConnection connection, MqttConnectReturnCode refusal, String reason) {
        static Outcome refused(MqttConnectReturnCode code, String reason) {
            return new Outcome(null, code, reason);
        }
    }

    private final ClientAuthenticator authenticator;
    private final Clock clock;

    ConnectAuthorizer(ClientAuthenticator authenticator, Clock clock) {
        this.authenticator = authenticator;
        this.clock = clock;
    }

    Outcome authorize(Channel channel, MqttConnectMessage connect) {
        int level = connect.variableHeader().version();
        if (level != MQTT_3_1_1) {
            return Outcome.refused(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                "MQTT protocol level " + level + ", the hub speaks MQTT 3.1.1 (level 4)");
        }
        String clientId = connect.payload().clientIdentifier();
        IdentityKey key = clientId == null ? null : IdentityKey.fromClientId(clientId);
        if (key == null) {
            return Outcome.refused(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                "client id '" + PublishRouter.printable(String.valueOf(clientId)) + "' is not <device> or <device>/<module>");
        }
        String userName = connect.variableHeader().hasUserName() ? connect.payload().userName() : null;
        if (!namesIdentity(userName, key)) {
            return Outcome.refused(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                "user name does not have the form <host>/" + key.clientId() + "/?api-version=… (client id " + key + ")");
        }
        byte[] password = connect.variableHeader().hasPassword() ? connect.payload().passwordInBytes() : null;
        AuthDecision decision = authenticator.authenticate(key, password, PeerCertificates.of(channel));
        if (!decision.accepted()) {
            return Outcome.refused(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, decision.reason());
        }
        boolean clean = connect.variableHeader().isCleanSession();
        return new Outcome(new ClientConnection(key, channel, decision, clean, clock.instant()), null, null);
    }

    private static boolean namesIdentity(String userName, IdentityKey key) {
        if (userName == null) {
            return false;
        }
        int slash = userName.indexOf('/');
        return slash > 0 && userName.startsWith(key.clientId() + "/", slash + 1);
    }
}
