package dev.moduleagent.localhub;

import com.microsoft.azure.sdk.iot.device.InternalClient;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;

/**
 * The SDK's synchronous twin calls, retried when they time out. The 2.5.0 SDK sometimes drops the response to a
 * twin request although it arrived (azure-iot-sdk-java#1803: IotHubTransport.onMessageReceived queues the response
 * before it looks up the correlation callback, and the receive thread may remove that callback first), so a single
 * call can time out against any hub. The hub's log shows the response was sent.
 */
final class SdkCalls {

    private static final int TIMEOUT_MILLIS = 8000;
    private static final int ATTEMPTS = 3;

    private SdkCalls() {
    }

    static Twin getTwin(InternalClient client) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.getTwin(TIMEOUT_MILLIS);
            } catch (IotHubClientException e) {
                if (!retryable(e, attempt)) {
                    throw e;
                }
            }
        }
    }

    /** Reports; a retried patch is applied twice, so callers compare versions with the hub's twin, not with constants. */
    static ReportedPropertiesUpdateResponse report(InternalClient client, TwinCollection patch) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.updateReportedProperties(patch, TIMEOUT_MILLIS);
            } catch (IotHubClientException e) {
                if (!retryable(e, attempt)) {
                    throw e;
                }
            }
        }
    }

    /** Reports a patch the hub must refuse; returns the refusal (a timeout is retried, see the class comment). */
    static IotHubClientException refusedReport(InternalClient client, TwinCollection patch) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                client.updateReportedProperties(patch, TIMEOUT_MILLIS);
                throw new AssertionError("the hub accepted the patch " + patch);
            } catch (IotHubClientException e) {
                if (!retryable(e, attempt)) {
                    return e;
                }
            }
        }
    }

    private static boolean retryable(IotHubClientException e, int attempt) {
        return e.getStatusCode() == IotHubStatusCode.DEVICE_OPERATION_TIMED_OUT && attempt < ATTEMPTS;
    }
}
