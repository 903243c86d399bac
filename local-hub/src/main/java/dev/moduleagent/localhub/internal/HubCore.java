package dev.moduleagent.localhub.internal;

import dev.moduleagent.localhub.internal.identity.CaRegistry;
import dev.moduleagent.localhub.internal.identity.ClientAuthenticator;
import dev.moduleagent.localhub.internal.identity.IdentityRegistry;
import dev.moduleagent.localhub.internal.mqtt.MethodInvoker;
import dev.moduleagent.localhub.internal.mqtt.SessionRegistry;
import dev.moduleagent.localhub.internal.telemetry.TelemetryLog;
import dev.moduleagent.localhub.internal.twin.TwinService;
import java.time.Clock;

/** The hub's state and rules, shared by the MQTT side and the service API. */
public record HubCore(String hostName, IdentityRegistry identities, CaRegistry cas, TwinService twins,
                      SessionRegistry sessions, MethodInvoker methods, TelemetryLog telemetry,
                      ClientAuthenticator authenticator, Clock clock) {
}
