package dev.moduleagent.runtime.demo;

import com.google.gson.GsonBuilder;
import dev.moduleagent.runtime.DistributionLayout;
import dev.moduleagent.runtime.ModuleAgentCli;
import dev.moduleagent.runtime.ModuleAgentSubcommand;
import dev.moduleagent.runtime.internal.LoggingSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code module-agent demo}: local hub, registered module, agent with the example plug-ins, one acknowledged change.
 * Lives in the developer kit's {@code runtime-<v>-demo.jar} only, found by {@link ModuleAgentCli} through the
 * service loader, so that the gateway distribution carries neither the demo nor the local hub.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        headerHeading = "%n", header = "Local hub + agent + example plug-ins: one desired change, acknowledged.",
        description = {"Starts a local hub on a loopback address, registers device demo-gateway and module "
            + "module-agent with a test CA (proof of possession), starts the agent with the example plug-ins, "
            + "sets desired properties for two components and prints their acknowledged reported properties. "
            + "Then runs until Ctrl-C, or exits with --once. Writes only below <home>/demo/ (recreated each run)."})
public final class DemoCommand implements ModuleAgentSubcommand {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private ModuleAgentCli parent;

    @Option(names = "--home", paramLabel = "<dir>", defaultValue = "${sys:moduleagent.home:-.}",
            description = "The distribution folder (default: the one bin/module-agent is in, else the current one).")
    private Path home;

    @Option(names = "--hub-address", paramLabel = "<ip>", defaultValue = "127.0.0.2",
            description = "Loopback address for the hub's MQTT (8883), AMQPS (5671) and HTTPS (443, or 8443 without privileges) ports (default: ${DEFAULT-VALUE}).")
    private String hubAddress;

    @Option(names = "--transport", paramLabel = "<transport>", defaultValue = "MQTT",
            description = "How the agent connects: MQTT, AMQPS, MQTT_WS or AMQPS_WS (the WebSocket ones use port 443, "
                + "which needs privileges) (default: ${DEFAULT-VALUE}).")
    private String transport;

    @Option(names = "--once", description = "Exit after the acknowledgement (0), instead of running until Ctrl-C.")
    private boolean once;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "120",
            description = "How long the agent may take to acknowledge (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (!hubAddress.startsWith("127.")) {
            throw new ParameterException(spec.commandLine(), "--hub-address must be a loopback address (127.x.y.z)");
        }
        if (!DemoScenario.TRANSPORTS.contains(transport)) {
            throw new ParameterException(spec.commandLine(), "--transport must be one of "
                    + String.join(", ", DemoScenario.TRANSPORTS) + ", not '" + transport + "'");
        }
        DistributionLayout layout = new DistributionLayout(home);
        LoggingSetup.configure(layout, "WARN"); // before the first logger is created; the full log is in logs/
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DemoScenario scenario = new DemoScenario(layout, hubAddress, transport);
        try {
            DemoResult result = scenario.run(Duration.ofSeconds(timeoutSeconds));
            print(out, layout, result);
        } catch (DemoException e) {
            scenario.close();
            parent.printFailure(err, "module-agent demo", e);
            return 1;
        }
        if (once) {
            scenario.close();
            return 0;
        }
        out.printf("Hub and agent keep running (hub data: %s, log: %s). Press Ctrl-C to stop.%n",
                scenario.hubData(), layout.logs().resolve("module-agent.log"));
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(scenario::close, "module-agent-demo-shutdown"));
        new CountDownLatch(1).await(); // until Ctrl-C / SIGTERM ends the JVM (the hook stops agent and hub)
        return 0;
    }

    private void print(PrintWriter out, DistributionLayout layout, DemoResult result) {
        out.printf("Local hub on %s: device %s, module %s (X.509, CA verified by proof of possession).%n",
                hubAddress, DemoScenario.DEVICE_ID, DemoScenario.MODULE_ID);
        out.printf("Agent started from %s with the plug-ins of %s, connected over %s.%n", layout.home(),
                layout.deploy(), transport);
        out.printf("Desired $version %d acknowledged (ac 200) %.1f s after the agent started:%n",
                result.desiredVersion(), result.agentToAcknowledged().toMillis() / 1000.0);
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(result.acknowledged()));
        out.flush();
    }
}
