package dev.moduleagent.certs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cert-tools ca}: a test certificate authority for IoT Hub's CA authentication mode. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = "A test CA for X.509 CA authentication: create it, sign module CSRs, prove possession.",
        subcommands = {CaInitCommand.class, CaSignCommand.class, CaVerificationCertCommand.class})
final class CaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
