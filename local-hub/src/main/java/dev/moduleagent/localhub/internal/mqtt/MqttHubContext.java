package dev.moduleagent.localhub.internal.mqtt;

import java.time.Clock;

/** What every MQTT connection handler shares. */
record MqttHubContext(ConnectAuthorizer authorizer, SessionRegistry sessions, Subscriptions subscriptions,
                      PublishRouter router, Clock clock) {
}
