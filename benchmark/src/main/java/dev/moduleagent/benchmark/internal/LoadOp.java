package dev.moduleagent.benchmark.internal;

/**
 * What a load client does over and over, one request at a time: the hub's twin operations, or the reference a plain
 * MQTT broker can do (a QoS 1 publish answered by PUBACK).
 */
public enum LoadOp {
    /** {@code $iothub/twin/PATCH/properties/reported/?$rid=n}, done when the hub answers {@code res/204}. */
    TWIN_PATCH,
    /** {@code $iothub/twin/GET/?$rid=n}, done when the hub answers {@code res/200} with the twin. */
    TWIN_GET,
    /** A QoS 1 publish to {@code bench/<client>}, done at its PUBACK (the broker reference). */
    PUBLISH
}
