package dev.moduleagent.agent.internal.testing;

import dev.moduleagent.agent.internal.Agent;
import dev.moduleagent.agent.internal.AgentSettings;
import dev.moduleagent.agent.internal.AgentTuning;
import dev.moduleagent.agent.internal.StartupException;
import dev.moduleagent.agent.internal.hub.Transport;
import dev.moduleagent.agent.internal.identity.IdentityFiles;
import dev.moduleagent.agent.internal.identity.ModuleIdentity;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;

/** Starts an {@link Agent} as module {@code dev1/mod1} on a {@link FakeHub}, with retry and throttle times cut short. */
public final class TestAgents {

    /** Retries after 10–50 ms, progress at most every 100 ms. */
    public static final AgentTuning FAST = new AgentTuning(Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMillis(100));

    private TestAgents() {
    }

    /**
     * @param hub the fake hub
     * @param dataDir the agent's state folder
     * @return the running agent (version {@code 0.1.0.TEST}, certificate valid until 2030)
     * @throws StartupException when the state folder cannot be used
     */
    public static Agent start(FakeHub hub, Path dataDir) throws StartupException {
        AgentSettings settings = new AgentSettings("127.0.0.2", null, "dev1", "mod1",
                new IdentityFiles(Path.of("k"), null, Path.of("c"), null), Transport.MQTT, dataDir, 230);
        try {
            ModuleIdentity identity = new ModuleIdentity("dev1/mod1", "CN=dev1/mod1", "AB12",
                    Instant.parse("2030-01-01T00:00:00Z"), SSLContext.getDefault());
            return Agent.start(settings, identity, hub, "0.1.0.TEST", Clock.systemUTC(), FAST);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
