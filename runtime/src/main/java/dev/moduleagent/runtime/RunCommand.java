package dev.moduleagent.runtime;

import dev.moduleagent.runtime.check.AgentChecks;
import dev.moduleagent.runtime.check.CheckFailure;
import dev.moduleagent.runtime.check.CheckLine;
import dev.moduleagent.runtime.check.ModuleIdentity;
import dev.moduleagent.runtime.internal.ClassDataArchive;
import dev.moduleagent.runtime.internal.LoggingSetup;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code module-agent run}: starts the agent of a distribution and keeps it running until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        headerHeading = "%n", header = "Run the agent until SIGTERM or Ctrl-C (the default command).",
        description = {"Checks conf/agent.cfg and the module's key and certificate (as `check` does, without the "
            + "network) and exits 1 with the failed check's line; then starts Felix with the bundles of system/, "
            + "hands it the configuration and hot-deploys the plug-ins of deploy/; SIGTERM or Ctrl-C stops every "
            + "bundle cleanly."})
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

    @Mixin
    private AgentFileOptions files;

    @Override
    public Integer call() throws InterruptedException {
        DistributionLayout layout = files.layout();
        LoggingSetup.configure(layout, "INFO"); // before the first logger is created
        PrintWriter err = spec.commandLine().getErr();
        try {
            ModuleIdentity checked = new AgentChecks(Clock.systemUTC(), Duration.ZERO, RunCommand::log)
                    .local(files.configFile(), layout.home());
            RunningAgent agent = Launcher.start(LaunchSettings.forDistribution(layout, checked.config()));
            ClassDataArchive.markStarted();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(agent, err), "module-agent-shutdown"));
            agent.awaitStop();
            return agent.restartRequested() ? EXIT_RESTART_REQUESTED : 0;
        } catch (CheckFailure | LaunchException e) {
            parent.printFailure(err, "module-agent", e);
            return 1;
        }
    }

    private static void log(CheckLine line) {
        Logger log = LoggerFactory.getLogger(RunCommand.class); // not static: logging is configured in call()
        if (line.verdict() == CheckLine.Verdict.WARN) {
            log.warn("check {}", line.format());
        } else {
            log.info("check {}", line.format());
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
