package dev.moduleagent.certs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cert-tools est}: EST (RFC 7030) operations other than enrollment, which has its own commands. */
@Command(name = "est", mixinStandardHelpOptions = true,
        description = "EST (RFC 7030) server queries; see also 'enroll' and 'renew'.",
        subcommands = {EstCacertsCommand.class})
final class EstCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
