package dev.moduleagent.runtime.check;

import dev.moduleagent.runtime.LaunchException;
import dev.moduleagent.runtime.internal.AgentConfigFile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code module-agent check} and the checks {@code run} makes before it starts anything: the configuration, then the
 * module identity (local), then DNS, TCP and TLS to the hub (network). Each check reports one {@link CheckLine}; a
 * failed step skips only the checks that depend on it.
 */
public final class AgentChecks {

    private final Clock clock;
    private final Duration timeout;
    private final Consumer<CheckLine> out;

    /**
     * @param clock the time certificates are checked against
     * @param timeout the bound of each network step
     * @param out receives every line, in order
     */
    public AgentChecks(Clock clock, Duration timeout, Consumer<CheckLine> out) {
        this.clock = clock;
        this.timeout = timeout;
        this.out = out;
    }

    /**
     * The local checks, stopping at the first failure: what {@code run} does before starting the agent.
     *
     * @param configFile {@code agent.cfg}
     * @param home the folder relative paths are resolved against
     * @return the configuration and the identity, all checks passed
     * @throws CheckFailure the first failed check, its message one line ({@code key: …})
     */
    public ModuleIdentity local(Path configFile, Path home) throws CheckFailure {
        Map<String, String> config = readConfig(configFile, home);
        return new IdentityChecks(clock, out).check(config);
    }

    /**
     * Every check, local and network.
     *
     * @param configFile {@code agent.cfg}
     * @param home the folder relative paths are resolved against
     * @return true when no check failed (warnings allowed)
     */
    public boolean all(Path configFile, Path home) {
        Map<String, String> config;
        try {
            config = readConfig(configFile, home);
        } catch (CheckFailure failure) {
            out.accept(CheckLine.fail(failure));
            out.accept(new CheckLine(CheckLine.Verdict.SKIP, "identity, hub", "need a usable configuration"));
            return false;
        }
        ModuleIdentity identity = null;
        try {
            identity = new IdentityChecks(clock, out).check(config);
        } catch (CheckFailure failure) {
            out.accept(CheckLine.fail(failure));
        }
        return network(HubEndpoint.of(config), identity) && identity != null;
    }

    private boolean network(HubEndpoint endpoint, ModuleIdentity identity) {
        HubProbe probe = new HubProbe(timeout, out);
        try {
            InetAddress address = probe.reach(endpoint);
            if (identity == null) {
                out.accept(new CheckLine(CheckLine.Verdict.SKIP, "tls", "needs a usable key and certificate"));
                return false;
            }
            probe.handshake(endpoint, address, identity);
            return true;
        } catch (CheckFailure failure) {
            out.accept(CheckLine.fail(failure));
            return false;
        }
    }

    private Map<String, String> readConfig(Path configFile, Path home) throws CheckFailure {
        try {
            Map<String, String> config = AgentConfigFile.read(configFile, home);
            long keys = config.keySet().stream().filter(key -> !key.equals(AgentConfigFile.FILENAME_KEY)).count();
            out.accept(CheckLine.ok("config", configFile + " (" + keys + " keys, all known and well-formed)"));
            return config;
        } catch (LaunchException e) {
            throw new CheckFailure("config", e.getMessage(), e);
        }
    }
}
