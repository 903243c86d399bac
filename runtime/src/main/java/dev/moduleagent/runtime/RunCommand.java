package dev.moduleagent.runtime;

import dev.moduleagent.runtime.internal.AgentConfigFile;
import dev.moduleagent.runtime.internal.LoggingSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code module-agent run}: starts the agent of a distribution and keeps it running until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        headerHeading = "%n", header = "Run the agent until SIGTERM or Ctrl-C (the default command).",
        description = {"Starts Felix with the bundles of system/, hands it conf/agent.cfg and hot-deploys the "
            + "plug-ins of deploy/; SIGTERM or Ctrl-C stops every bundle cleanly."})
public final class RunCommand implements Callable<Integer> {

    /**
     * The exit code after {@code agent*restart}: the framework stopped cleanly and the agent asks its supervisor to
     * start it again (the systemd unit restarts on it).
     */
    public static final int EXIT_RESTART_REQUESTED = 3;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private ModuleAgentCli parent;

    @Option(names = "--home", paramLabel = "<dir>", defaultValue = "${sys:moduleagent.home:-.}",
            description = "The distribution folder (default: the one bin/module-agent is in, else the current one).")
    private Path home;

    @Option(names = "--config", paramLabel = "<file>",
            description = "The agent configuration (default: <home>/conf/agent.cfg).")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        DistributionLayout layout = new DistributionLayout(home);
        LoggingSetup.configure(layout, "INFO"); // before the first logger is created
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path configFile = config == null ? layout.agentConfig() : config.toAbsolutePath();
            Map<String, String> agentConfiguration = AgentConfigFile.read(configFile, layout.home());
            RunningAgent agent = Launcher.start(LaunchSettings.forDistribution(layout, agentConfiguration));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(agent, err), "module-agent-shutdown"));
            agent.awaitStop();
            return agent.restartRequested() ? EXIT_RESTART_REQUESTED : 0;
        } catch (LaunchException e) {
            parent.printFailure(err, "module-agent", e);
            return 1;
        }
    }

    private void stop(RunningAgent agent, PrintWriter err) {
        try {
            agent.stop(RunningAgent.DEFAULT_STOP);
        } catch (LaunchException e) {
            parent.printFailure(err, "module-agent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
