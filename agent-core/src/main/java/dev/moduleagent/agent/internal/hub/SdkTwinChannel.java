package dev.moduleagent.agent.internal.hub;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.transport.IotHubTransportMessage;
import com.microsoft.azure.sdk.iot.device.twin.GetTwinCorrelatingMessageCallback;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateCorrelatingMessageCallback;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link TwinChannel}: one SDK {@link ModuleClient} authenticated with X.509. SDK exceptions become
 * {@link ChannelException}s with one-line messages; nothing SDK-typed leaves this class.
 */
final class SdkTwinChannel implements TwinChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SdkTwinChannel.class);
    private static final int OPERATION_TIMEOUT_MS = 60_000;
    /**
     * How long to wait for a twin response ({@code $iothub/twin/res/...}) before asking again: a twin read is
     * repeated here, a reported patch is re-sent by the outbox (merging the same patch twice leaves the same reported
     * properties). See {@link TwinResponse} for why the SDK's synchronous calls are not used.
     */
    private static final int TWIN_RESPONSE_TIMEOUT_MS = 10_000;
    private static final int TWIN_READ_ATTEMPTS = 3;

    private final ModuleClient client;

    SdkTwinChannel(HubSettings settings, ChannelStatusListener listener) throws ChannelException {
        ClientOptions options = ClientOptions.builder()
                .sslContext(NoDelaySockets.wrap(settings.sslContext()))
                .keepAliveInterval(settings.keepAliveSeconds())
                .build();
        try {
            client = new ModuleClient(settings.connectionString(), protocol(settings.transport()), options);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new ChannelException("cannot create the module client for hub " + settings.hubHost() + ": "
                    + e.getMessage(), true);
        }
        client.setConnectionStatusChangeCallback(context -> listener.onStatus(
                ChannelStatus.valueOf(context.getNewStatus().name()),
                context.getNewStatusReason() + (context.getCause() == null ? "" : ": " + why(context.getCause()))),
                null);
    }

    /** @return the MQTT keep-alive the SDK client was configured with, in seconds */
    int keepAliveSeconds() {
        return client.getConfig().getKeepAliveInterval();
    }

    @Override
    public void open() throws ChannelException {
        try {
            client.open(false);
        } catch (IotHubClientException e) {
            throw failure("open", e);
        }
    }

    @Override
    public void subscribeDesired(Consumer<DesiredPatch> onPatch) throws ChannelException, InterruptedException {
        try {
            client.subscribeToDesiredProperties((twin, context) -> deliver(twin, onPatch), null, OPERATION_TIMEOUT_MS);
        } catch (IotHubClientException e) {
            throw failure("subscribe to desired properties", e);
        } catch (IllegalStateException e) {
            throw new ChannelException("subscribe to desired properties failed: " + e.getMessage(), false);
        }
    }

    /**
     * Subscribes with the SDK (SUBSCRIBE {@code $iothub/methods/POST/#}), then puts {@link SdkMethodCallback} in place
     * of the SDK's synchronous dispatcher. A request that slips in between is answered 503 (try again).
     */
    @Override
    public void subscribeMethods(MethodListener listener) throws ChannelException, InterruptedException {
        try {
            client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(503,
                    Map.of("error", "the agent is starting its command service; try again")), null,
                    OPERATION_TIMEOUT_MS);
        } catch (IotHubClientException e) {
            throw failure("subscribe to methods", e);
        } catch (IllegalStateException e) {
            throw new ChannelException("subscribe to methods failed: " + e.getMessage(), false);
        }
        client.getConfig().setDirectMethodsMessageCallback(new SdkMethodCallback(client, listener), null);
    }

    @Override
    public TwinSnapshot getTwin() throws ChannelException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return readTwin();
            } catch (ChannelException e) {
                if (!e.timedOut() || attempt == TWIN_READ_ATTEMPTS) {
                    throw e;
                }
                LOG.info("twin read unanswered attempt={} waitedMs={}", attempt,
                        TWIN_RESPONSE_TIMEOUT_MS);
            }
        }
    }

    private TwinSnapshot readTwin() throws ChannelException, InterruptedException {
        TwinResponse response = new TwinResponse();
        try {
            client.getTwinAsync((GetTwinCorrelatingMessageCallback) response, null);
        } catch (IllegalStateException e) {
            throw new ChannelException("twin read failed: " + e.getMessage(), false);
        }
        IotHubTransportMessage message = response.await("twin read", TWIN_RESPONSE_TIMEOUT_MS);
        IotHubStatusCode status = TwinResponse.status(message);
        if (status != IotHubStatusCode.OK) {
            throw new ChannelException("twin read failed: the hub answered " + message.getStatus(), false);
        }
        try {
            Twin twin = TwinResponse.twin(message);
            TwinCollection desired = twin.getDesiredProperties();
            return new TwinSnapshot(TwinValues.version(desired), TwinValues.plain(desired),
                    TwinValues.plain(twin.getReportedProperties()));
        } catch (RuntimeException e) {
            throw new ChannelException("twin read failed: the hub's twin cannot be read: " + e.getMessage(), false);
        }
    }

    @Override
    public long report(Map<String, Object> patch) throws ChannelException, InterruptedException {
        TwinResponse response = new TwinResponse();
        try {
            client.updateReportedPropertiesAsync(TwinValues.collection(patch),
                    (ReportedPropertiesUpdateCorrelatingMessageCallback) response, null);
        } catch (IllegalStateException e) {
            throw new ChannelException("reported patch failed: " + e.getMessage(), false);
        }
        IotHubTransportMessage message = response.await("reported patch", TWIN_RESPONSE_TIMEOUT_MS);
        IotHubStatusCode status = TwinResponse.status(message);
        if (status != IotHubStatusCode.OK) {
            boolean tooLarge = status == IotHubStatusCode.REQUEST_ENTITY_TOO_LARGE;
            boolean refused = status == IotHubStatusCode.BAD_FORMAT || tooLarge;
            throw new ChannelException("reported patch: the hub answered " + message.getStatus() + " (" + status + ")",
                    refused, false, tooLarge);
        }
        return message.getVersion() == null ? -1 : message.getVersion();
    }

    @Override
    public void sendEvent(String component, String json) throws ChannelException {
        Message message = new Message(json.getBytes(StandardCharsets.UTF_8));
        message.setContentType("application/json");
        message.setContentEncoding("utf-8");
        message.setComponentName(component);
        try {
            client.sendEventAsync(message, (sent, exception, context) -> {
                if (exception != null) {
                    LOG.debug("event for {} not delivered: {}", component, exception.getMessage());
                }
            }, null);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ChannelException("event not queued: " + e.getMessage(), false);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the module client failed: {}", e.toString());
        }
    }

    private static void deliver(Twin twin, Consumer<DesiredPatch> onPatch) {
        TwinCollection desired = twin == null ? null : twin.getDesiredProperties();
        if (desired == null) {
            return;
        }
        onPatch.accept(new DesiredPatch(TwinValues.version(desired), TwinValues.plain(desired)));
    }

    private static ChannelException failure(String operation, IotHubClientException e) {
        return new ChannelException(operation + " failed: " + e.getStatusCode() + ": " + why(e), false);
    }

    /** The SDK's message, or the named cause behind it (trust, host name, DNS, refused, timeout, authentication). */
    private static String why(Throwable failure) {
        String cause = FailureCause.describe(failure);
        return cause.isEmpty() ? String.valueOf(failure.getMessage()) : cause;
    }

    private static IotHubClientProtocol protocol(Transport transport) {
        return switch (transport) {
            case MQTT -> IotHubClientProtocol.MQTT;
            case MQTT_WS -> IotHubClientProtocol.MQTT_WS;
            case AMQPS -> IotHubClientProtocol.AMQPS;
            case AMQPS_WS -> IotHubClientProtocol.AMQPS_WS;
        };
    }
}
