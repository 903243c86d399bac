package dev.moduleagent.agent.internal.hub;

import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.transport.IotHubTransportMessage;
import com.microsoft.azure.sdk.iot.device.twin.GetTwinCorrelatingMessageCallback;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateCorrelatingMessageCallback;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the hub's answer to one twin request ({@code $iothub/twin/res/{status}/?$rid=…}) through the SDK's
 * correlating callbacks, and completes on whichever of two callbacks comes first: "response received" or "response
 * acknowledged".
 *
 * <p>Why not the SDK's synchronous {@code getTwin}/{@code updateReportedProperties}: in 2.5.0 they complete only on
 * "response received", which the SDK skips when its receive thread acknowledges the response first
 * (azure-iot-sdk-java#1803). Against a fast hub that happened in about one demo run in three, and cost the SDK's
 * 60 s timeout each time. "Response acknowledged" is called on that path with the same response message, so between
 * the two callbacks every response that arrives is seen.
 */
final class TwinResponse implements GetTwinCorrelatingMessageCallback,
        ReportedPropertiesUpdateCorrelatingMessageCallback {

    private static final Logger LOG = LoggerFactory.getLogger(TwinResponse.class);

    private final CompletableFuture<IotHubTransportMessage> response = new CompletableFuture<>();

    /**
     * Waits for the response.
     *
     * @param operation what was asked, for messages ("twin read", "reported patch")
     * @param timeoutMillis how long to wait
     * @return the response message (status, {@code $version}, body)
     * @throws ChannelException when the request failed, or no response came in time ({@link ChannelException#timedOut()})
     * @throws InterruptedException when interrupted
     */
    IotHubTransportMessage await(String operation, long timeoutMillis) throws ChannelException, InterruptedException {
        try {
            return response.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ChannelException(operation + ": no response from the hub within " + timeoutMillis + " ms",
                    false, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            IotHubStatusCode code = cause instanceof IotHubClientException client ? client.getStatusCode() : null;
            throw new ChannelException(operation + " failed: " + (code == null ? "" : code + ": ")
                    + cause.getMessage(), false);
        }
    }

    /**
     * @param message a twin response
     * @return the IoT Hub status it carries ({@code 200}, {@code 204}, {@code 400}…), as the SDK maps it
     */
    static IotHubStatusCode status(IotHubTransportMessage message) {
        try {
            return IotHubStatusCode.getIotHubStatusCode(Integer.parseInt(message.getStatus()));
        } catch (NumberFormatException | NullPointerException e) {
            return IotHubStatusCode.ERROR;
        }
    }

    /**
     * @param message a twin GET response with status 200
     * @return the twin in its body
     */
    static Twin twin(IotHubTransportMessage message) {
        return Twin.createFromPropertiesJson(new String(message.getBytes(), StandardCharsets.UTF_8));
    }

    private boolean received(Message message) {
        return message instanceof IotHubTransportMessage transportMessage && response.complete(transportMessage);
    }

    private void requestAcknowledged(IotHubClientException e) {
        if (e != null) {
            response.completeExceptionally(e);
        }
    }

    @Override
    public void onRequestQueued(Message message, Object context) {
        // nothing to do: the response is what counts
    }

    @Override
    public void onRequestSent(Message message, Object context) {
        // nothing to do: the response is what counts
    }

    @Override
    public void onRequestAcknowledged(Message message, Object context, IotHubClientException e) {
        requestAcknowledged(e);
    }

    @Override
    public void onResponseReceived(Twin twin, Message message, Object context, IotHubStatusCode status,
            IotHubClientException e) {
        received(message);
    }

    @Override
    public void onResponseReceived(Message message, Object context, IotHubStatusCode status,
            ReportedPropertiesUpdateResponse update, IotHubClientException e) {
        received(message);
    }

    @Override
    public void onResponseAcknowledged(Message message, Object context) {
        if (received(message)) {
            LOG.debug("twin response rid={} completed on its acknowledgement", message.getCorrelationId());
        }
    }
}
