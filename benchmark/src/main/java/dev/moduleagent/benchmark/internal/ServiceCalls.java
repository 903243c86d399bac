package dev.moduleagent.benchmark.internal;

import dev.moduleagent.localhub.ServiceException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Service API calls repeated when the hub certainly did nothing with them: a 408 (its header timer fired; on a machine
 * at a load average of 40 it fired on requests that were sent whole) or a connection that was never made (10 s
 * connect timeout). Anything else is an answer and goes to the caller.
 */
final class ServiceCalls {

    private static final int REQUEST_TIMEOUT = 408;
    private static final int ATTEMPTS = 5;

    private ServiceCalls() {
    }

    /** A service call. */
    interface Call<T> {
        T run() throws ServiceException;
    }

    static <T> T retried(Call<T> call) throws ServiceException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (ServiceException e) {
                if (!notDone(e) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static boolean notDone(ServiceException e) {
        return e.status() == REQUEST_TIMEOUT || e.getCause() instanceof HttpConnectTimeoutException
                || e.getCause() instanceof ConnectException;
    }
}
