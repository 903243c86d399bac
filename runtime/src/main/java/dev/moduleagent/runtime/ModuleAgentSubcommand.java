package dev.moduleagent.runtime;

import java.util.concurrent.Callable;

/**
 * A picocli subcommand of {@code module-agent} that is found on the class path through {@link java.util.ServiceLoader}
 * rather than named in {@link ModuleAgentCli}: {@code demo} lives in the developer kit's demo jar only, so the gateway
 * distribution has no such subcommand (and none of the local hub's jars). Implementations carry picocli's
 * {@code @Command} annotation and a public no-argument constructor.
 */
public interface ModuleAgentSubcommand extends Callable<Integer> {
}
