package dev.moduleagent.benchmark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moduleagent.localhub.ServiceException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceCallsTest {

    @Test
    void aRequestTheHubDidNotReadOrAConnectionNeverMadeIsRepeated() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String answer = ServiceCalls.retried(() -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new ServiceException(408, "RequestTimeout", "headers did not arrive");
            }
            if (call == 2) {
                throw new ServiceException("cannot reach", new HttpConnectTimeoutException("connect timed out"));
            }
            return "twin";
        });
        assertEquals("twin", answer);
        assertEquals(3, calls.get());
    }

    @Test
    void anAnswerIsNotRepeated() {
        AtomicInteger calls = new AtomicInteger();
        ServiceException conflict = new ServiceException(409, "DeviceAlreadyExists", "exists");
        ServiceException thrown = assertThrows(ServiceException.class, () -> ServiceCalls.retried(() -> {
            calls.incrementAndGet();
            throw conflict;
        }));
        assertSame(conflict, thrown);
        assertEquals(1, calls.get());
    }

    @Test
    void repeatsStopAfterFiveAttempts() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(ServiceException.class, () -> ServiceCalls.retried(() -> {
            calls.incrementAndGet();
            throw new ServiceException(408, "RequestTimeout", "again");
        }));
        assertEquals(5, calls.get());
    }
}
