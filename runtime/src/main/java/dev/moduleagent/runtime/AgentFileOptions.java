package dev.moduleagent.runtime;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code check} share: which distribution, and which configuration file in it. */
public final class AgentFileOptions {

    @Option(names = "--home", paramLabel = "<dir>", defaultValue = "${sys:moduleagent.home:-.}",
            description = "The distribution folder (default: the one bin/module-agent is in, else the current one).")
    private Path home;

    @Option(names = "--config", paramLabel = "<file>",
            description = "The agent configuration (default: <home>/conf/agent.cfg).")
    private Path config;

    /** @return the distribution named by {@code --home} */
    public DistributionLayout layout() {
        return new DistributionLayout(home);
    }

    /** @return {@code --config}, else the distribution's {@code conf/agent.cfg}; absolute */
    public Path configFile() {
        return config == null ? layout().agentConfig() : config.toAbsolutePath();
    }
}
