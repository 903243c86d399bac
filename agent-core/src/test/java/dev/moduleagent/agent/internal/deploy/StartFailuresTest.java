package dev.moduleagent.agent.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleException;

class StartFailuresTest {

    private static final String LOCATION = "file:/opt/agent/deploy/broken.jar";

    private final AtomicInteger failuresSeen = new AtomicInteger();
    private final StartFailures failures = new StartFailures(failuresSeen::incrementAndGet);

    @AfterEach
    void detach() {
        failures.close();
    }

    @Test
    void keepsTheActivatorsOwnMessageFromFileInstallsLogUntilTheBundleStarts() {
        failures.attach();
        Logger fileInstall = Logger.getLogger(StartFailures.LOGGER);

        fileInstall.log(Level.WARNING, "Error while starting bundle: " + LOCATION, new BundleException(
                "Activator start error in bundle x [12].", BundleException.ACTIVATOR_ERROR,
                new IllegalStateException("no device at /dev/ttyS9")));

        assertEquals(Optional.of("start failed: IllegalStateException: no device at /dev/ttyS9"),
                failures.failure(LOCATION));
        assertEquals(1, failuresSeen.get());

        fileInstall.log(Level.INFO, "Started bundle: " + LOCATION);
        assertTrue(failures.failure(LOCATION).isEmpty());
    }
}
