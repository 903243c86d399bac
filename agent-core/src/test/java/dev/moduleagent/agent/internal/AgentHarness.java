package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.hub.Transport;
import dev.moduleagent.agent.internal.identity.IdentityFiles;
import dev.moduleagent.agent.internal.identity.ModuleIdentity;
import dev.moduleagent.agent.internal.testing.FakeHub;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** Starts a real {@link Agent} against a {@link FakeHub} and reads back the reported document the hub holds. */
final class AgentHarness {

    static final AgentTuning FAST = new AgentTuning(Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMillis(100));

    private AgentHarness() {
    }

    static Agent start(FakeHub hub, Path dataDir, AgentTuning tuning) throws StartupException {
        AgentSettings settings = new AgentSettings("127.0.0.2", null, "dev1", "mod1",
                new IdentityFiles(Path.of("k"), null, Path.of("c"), null), Transport.MQTT, dataDir, 230);
        ModuleIdentity identity;
        try {
            identity = new ModuleIdentity("dev1/mod1", "CN=dev1/mod1", "AB12", Instant.parse("2030-01-01T00:00:00Z"),
                    SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return Agent.start(settings, identity, hub, "0.1.0.TEST", Clock.systemUTC(), tuning);
    }

    /** @return the reported document the hub holds: every confirmed patch merged in order */
    static Map<String, Object> twin(FakeHub hub) {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Map<String, Object> patch : hub.reported()) {
            FakeHub.merge(doc, patch);
        }
        return doc;
    }

    /** @return the ack object {value?, ac, av, ad} of a writable property, if reported */
    static Optional<Map<?, ?>> ack(FakeHub hub, String component, String property) {
        if (twin(hub).get(component) instanceof Map<?, ?> section && section.get(property) instanceof Map<?, ?> ack) {
            return Optional.of(ack);
        }
        return Optional.empty();
    }
}
