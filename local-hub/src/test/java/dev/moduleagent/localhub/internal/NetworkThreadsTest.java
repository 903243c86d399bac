package dev.moduleagent.localhub.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.EventExecutor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkThreadsTest {

    /**
     * A twin write blocks its channel's handler executor until the group commit, so the number of executors bounds
     * how many clients' writes can share one commit (4 on 2 cores before: 0.13x mosquitto's PATCH rate).
     */
    @Test
    void handlerGroupLetsAtLeast32ChannelsWaitForOneCommitAtOnce() {
        try (NetworkThreads threads = new NetworkThreads()) {
            Set<EventExecutor> executors = new HashSet<>();
            threads.handlers().forEach(executors::add);
            assertTrue(executors.size() >= 32, "handler executors: " + executors.size());
        }
    }
}
