package dev.moduleagent.agent.internal.hub;

import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.MessageCallback;
import com.microsoft.azure.sdk.iot.device.MessageType;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.transport.IotHubTransportMessage;
import com.microsoft.azure.sdk.iot.device.twin.DeviceOperations;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes direct-method requests off the SDK's receive thread. The SDK's own {@code MethodCallback} must return the
 * answer synchronously, on the one thread that also delivers desired patches, and does not reveal the request id.
 * This callback replaces it in the client's configuration (public SDK API), returns at once, and sends the answer
 * later as the same {@code DEVICE_METHODS} response message the SDK builds itself ({@code $iothub/methods/res/...}).
 */
final class SdkMethodCallback implements MessageCallback {

    private static final Logger LOG = LoggerFactory.getLogger(SdkMethodCallback.class);

    private final ModuleClient client;
    private final MethodListener listener;

    SdkMethodCallback(ModuleClient client, MethodListener listener) {
        this.client = client;
        this.listener = listener;
    }

    @Override
    public IotHubMessageResult onCloudToDeviceMessageReceived(Message message, Object context) {
        if (!(message instanceof IotHubTransportMessage call) || call.getMessageType() != MessageType.DEVICE_METHODS
                || call.getDeviceOperationType() != DeviceOperations.DEVICE_OPERATION_METHOD_RECEIVE_REQUEST) {
            LOG.debug("not a direct-method request: {}", message == null ? null : message.getMessageType());
            return IotHubMessageResult.ABANDON;
        }
        byte[] body = call.getBytes();
        String payload = body == null || body.length == 0 ? "{}" : new String(body, StandardCharsets.UTF_8);
        String requestId = call.getRequestId();
        AtomicBoolean answered = new AtomicBoolean();
        listener.invoked(call.getMethodName(), payload, (status, json) -> {
            if (answered.compareAndSet(false, true)) {
                respond(requestId, status, json);
            }
        });
        return IotHubMessageResult.COMPLETE;
    }

    private void respond(String requestId, int status, String json) {
        IotHubTransportMessage response = new IotHubTransportMessage(json.getBytes(StandardCharsets.UTF_8),
                MessageType.DEVICE_METHODS);
        response.setRequestId(requestId);
        response.setStatus(Integer.toString(status));
        response.setDeviceOperationType(DeviceOperations.DEVICE_OPERATION_METHOD_SEND_RESPONSE);
        try {
            client.sendEventAsync(response, (sent, exception, ctx) -> {
                if (exception != null) {
                    LOG.info("method answer not delivered status={} requestId={} reason=\"{}\"", status, requestId,
                            exception.getMessage());
                }
            }, null);
        } catch (RuntimeException e) {
            LOG.info("method answer not sent status={} requestId={} reason=\"{}\"", status, requestId, e.toString());
        }
    }
}
