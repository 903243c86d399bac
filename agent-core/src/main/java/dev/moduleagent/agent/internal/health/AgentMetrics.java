package dev.moduleagent.agent.internal.health;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The agent's metrics in a Prometheus registry of its own (the Prometheus Java client writes the text format):
 * connection state and reconnects, desired versions received and applied per component, acknowledgements by code,
 * apply durations, outbox depth, reported patches sent and failed, certificate days left and JVM memory. A read-only
 * view: the values are pushed by the parts of the agent that own them, nothing here decides anything.
 */
public final class AgentMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge connected = Gauge.builder().name("moduleagent_connected")
            .help("1 while the agent is connected to its hub and the twin was read, else 0").register(registry);
    private final Counter reconnects = Counter.builder().name("moduleagent_reconnects_total")
            .help("Connections made after the first one").register(registry);
    private final Gauge desiredReceived = Gauge.builder().name("moduleagent_desired_version_received")
            .help("The newest desired $version the agent received").register(registry);
    private final Gauge desiredApplied = Gauge.builder().name("moduleagent_desired_version_acknowledged")
            .help("The desired $version of the last final acknowledgement, per component").labelNames("component")
            .register(registry);
    private final Counter acks = Counter.builder().name("moduleagent_acks_total")
            .help("Final acknowledgements by component and code (ac)").labelNames("component", "code").register(registry);
    private final Histogram applyDuration = Histogram.builder().name("moduleagent_apply_duration_seconds")
            .help("Time from hand-over to a plug-in to its final outcome").labelNames("component")
            .classicOnly().classicUpperBounds(0.01, 0.1, 0.5, 1, 5, 30, 120, 600).register(registry);
    private final Counter patchesSent = Counter.builder().name("moduleagent_reported_patches_sent_total")
            .help("Reported patches the hub confirmed").register(registry);
    private final Counter patchesFailed = Counter.builder().name("moduleagent_reported_patches_failed_total")
            .help("Reported patch attempts that failed (retried or refused)").register(registry);
    private boolean connectedBefore;

    /**
     * @param outboxDepth how many reported patches wait (read at each scrape)
     * @param notAfter the current certificate's expiry (read at each scrape)
     * @param clock the time source
     */
    public AgentMetrics(IntSupplier outboxDepth, Supplier<Instant> notAfter, Clock clock) {
        GaugeWithCallback.builder().name("moduleagent_outbox_patches").help("Reported patches waiting for the hub")
                .callback(callback -> callback.call(outboxDepth.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("moduleagent_certificate_days_left")
                .help("Days until the module certificate expires (negative: expired)")
                .callback(callback -> callback.call(
                        Duration.between(clock.instant(), notAfter.get()).toSeconds() / 86_400.0))
                .register(registry);
        JvmMemoryMetrics.builder().register(registry);
    }

    /** @param isConnected whether the agent is connected now */
    public synchronized void connection(boolean isConnected) {
        if (isConnected && !(connected.get() > 0) && connectedBefore) {
            reconnects.inc();
        }
        connectedBefore |= isConnected;
        connected.set(isConnected ? 1 : 0);
    }

    /** @param version a desired $version just received */
    public void desiredReceived(long version) {
        desiredReceived.set(version);
    }

    /**
     * @param component the component
     * @param code the final {@code ac}
     * @param version its {@code av}
     * @param took hand-over to outcome, or {@code null} when unknown
     */
    public void outcome(String component, int code, long version, Duration took) {
        acks.labelValues(component, Integer.toString(code)).inc();
        desiredApplied.labelValues(component).set(version);
        if (took != null) {
            applyDuration.labelValues(component).observe(took.toNanos() / 1e9);
        }
    }

    /** @param confirmed whether the hub confirmed a reported patch (else the attempt failed) */
    public void patchSent(boolean confirmed) {
        (confirmed ? patchesSent : patchesFailed).inc();
    }

    /** @return every metric in the Prometheus text format (version 0.0.4) */
    public String scrapeText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return the text format's content type */
    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
