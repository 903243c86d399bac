package dev.moduleagent.localhub;

import com.microsoft.azure.sdk.iot.device.InternalClient;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;

/**
 * The SDK's synchronous twin calls, retried when they time out. The 2.5.0 SDK has two races that make a call time out
 * against any hub although the hub answered (its log shows the response was sent):
 * <ul>
 *   <li>it may drop the response to a twin request (azure-iot-sdk-java#1803: IotHubTransport.onMessageReceived queues
 *       the response before it looks up the correlation callback, and the receive thread may remove that callback
 *       first) — a retry on the same connection succeeds;</li>
 *   <li>it may miss the PUBACK of its own publish when the PUBACK arrives before it registered the message id (it logs
 *       "message with message id N that was acknowledged by service was not sent by this client"); seen on a loaded
 *       machine, the client then times out every twin call on that connection. Only a new connection recovers it, so a
 *       caller that passes its {@link Opener} gets the client closed and opened again after {@link #ATTEMPTS}
 *       timeouts, then as many attempts more.</li>
 * </ul>
 */
final class SdkCalls {

    private static final int TIMEOUT_MILLIS = 8000;
    private static final int ATTEMPTS = 3;

    /**
     * How a test opens its client: {@code open} and its subscriptions. {@link InternalClient#close()} forgets the
     * subscriptions (it drops the client's twin and method handlers), so a reopened client needs them again.
     */
    @FunctionalInterface
    interface Opener {
        void open(InternalClient client) throws Exception;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IotHubClientException, InterruptedException;
    }

    private SdkCalls() {
    }

    static Twin getTwin(InternalClient client) throws Exception {
        return retried(client, null, () -> client.getTwin(TIMEOUT_MILLIS));
    }

    static Twin getTwin(InternalClient client, Opener reopen) throws Exception {
        return retried(client, reopen, () -> client.getTwin(TIMEOUT_MILLIS));
    }

    /** Reports; a retried patch is applied twice, so callers compare versions with the hub's twin, not with constants. */
    static ReportedPropertiesUpdateResponse report(InternalClient client, TwinCollection patch) throws Exception {
        return retried(client, null, () -> client.updateReportedProperties(patch, TIMEOUT_MILLIS));
    }

    /** {@link #report(InternalClient, TwinCollection)}, recovering a client that times out every call (class comment). */
    static ReportedPropertiesUpdateResponse report(InternalClient client, TwinCollection patch, Opener reopen) throws Exception {
        return retried(client, reopen, () -> client.updateReportedProperties(patch, TIMEOUT_MILLIS));
    }

    /** Reports a patch the hub must refuse; returns the refusal (a timeout is retried, see the class comment). */
    static IotHubClientException refusedReport(InternalClient client, TwinCollection patch) throws Exception {
        try {
            retried(client, null, () -> client.updateReportedProperties(patch, TIMEOUT_MILLIS));
        } catch (IotHubClientException e) {
            return e;
        }
        throw new AssertionError("the hub accepted the patch " + patch);
    }

    private static <T> T retried(InternalClient client, Opener reopen, Call<T> call) throws Exception {
        int last = reopen == null ? ATTEMPTS : 2 * ATTEMPTS;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (IotHubClientException e) {
                if (e.getStatusCode() != IotHubStatusCode.DEVICE_OPERATION_TIMED_OUT || attempt == last) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    client.close();
                    reopen.open(client);
                }
            }
        }
    }
}
