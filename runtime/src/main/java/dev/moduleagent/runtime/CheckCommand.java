package dev.moduleagent.runtime;

import dev.moduleagent.runtime.check.AgentChecks;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code module-agent check}: every check of the configuration, the identity and the way to the hub, one line each. */
@Command(name = "check", mixinStandardHelpOptions = true,
        headerHeading = "%n", header = "Check agent.cfg, the module's key and certificate, and the way to the hub.",
        description = {"One line per check (OK, WARN, FAIL, SKIP): agent.cfg (every key), key and passphrase, "
            + "key/certificate pair, CN = device.id/module.id, expiry, chain, trust file; then DNS, TCP and the TLS "
            + "handshake with the hub, naming network, trust and authentication failures apart. "
            + "Exit 0 when nothing failed, 1 otherwise."})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentFileOptions files;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "5",
            description = "Bound of the TCP and TLS steps (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() {
        if (timeoutSeconds < 1 || timeoutSeconds > 300) {
            throw new ParameterException(spec.commandLine(), "--timeout must be from 1 to 300 seconds");
        }
        DistributionLayout layout = files.layout();
        PrintWriter out = spec.commandLine().getOut();
        boolean passed = new AgentChecks(Clock.systemUTC(), Duration.ofSeconds(timeoutSeconds),
                line -> out.println(line.format())).all(files.configFile(), layout.home());
        out.flush();
        return passed ? 0 : 1;
    }
}
