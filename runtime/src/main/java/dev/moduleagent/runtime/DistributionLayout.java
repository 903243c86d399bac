package dev.moduleagent.runtime;

import java.nio.file.Path;

/**
 * The folders of a module-agent distribution, all below one home folder, so that a user finds everything (and a
 * relative path in {@code conf/agent.cfg} means the same thing wherever the process was started).
 *
 * @param home the distribution folder, absolute and normalised
 */
public record DistributionLayout(Path home) {

    /** Makes the home absolute and normalised. */
    public DistributionLayout {
        home = home.toAbsolutePath().normalize();
    }

    /** @return {@code conf/}: {@code agent.cfg} and {@code logback.xml} */
    public Path conf() {
        return home.resolve("conf");
    }

    /** @return {@code conf/agent.cfg}, the agent's configuration */
    public Path agentConfig() {
        return conf().resolve("agent.cfg");
    }

    /** @return {@code system/}: the bundles the agent needs, installed and started at launch */
    public Path system() {
        return home.resolve("system");
    }

    /** @return {@code deploy/}: plug-in bundles, watched while the agent runs */
    public Path deploy() {
        return home.resolve("deploy");
    }

    /** @return {@code data/}: the framework's bundle cache and, by default, the agent's state */
    public Path data() {
        return home.resolve("data");
    }

    /** @return {@code data/felix-cache}: the framework's bundle cache, kept between launches */
    public Path frameworkStorage() {
        return data().resolve("felix-cache");
    }

    /** @return {@code logs/}: the log files */
    public Path logs() {
        return home.resolve("logs");
    }

    /** @return {@code demo/}: everything {@code module-agent demo} creates; removed at the start of each demo */
    public Path demo() {
        return home.resolve("demo");
    }
}
