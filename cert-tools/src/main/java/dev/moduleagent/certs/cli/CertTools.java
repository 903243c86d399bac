package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.cli.ErrorReporter;
import dev.moduleagent.cli.ExceptionMessages;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code cert-tools} command: keys, CSRs, test CAs and thumbprints for IoT Hub X.509 module identities. */
@Command(name = "cert-tools", mixinStandardHelpOptions = true, version = "cert-tools 0.1.0",
        description = "Keys, CSRs, test CAs, thumbprints and EST enrollment for Azure IoT Hub X.509 device and module identities.",
        footer = {"", "Exit codes: 0 success, 1 failure (bad input, failed check), 2 usage error."},
        subcommands = {KeyCommand.class, CsrCommand.class, SelfSignedCommand.class, CaCommand.class,
                InspectCommand.class, VerifyCommand.class, Pkcs12Command.class, EnrollCommand.class, RenewCommand.class,
                EstCommand.class, SigningCertCommand.class, SignPluginCommand.class})
public final class CertTools implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
    private boolean verbose;

    private final Function<String, String> environment;

    /** @param environment reads environment variables (for {@code --passphrase-env}) */
    public CertTools(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(newCommandLine(System::getenv).execute(args));
    }

    /**
     * @param environment reads environment variables; {@code System::getenv} outside tests
     * @return a command line with cert-tools' error handling and exit codes
     */
    public static CommandLine newCommandLine(Function<String, String> environment) {
        return ErrorReporter.install(new CommandLine(new CertTools(environment)),
                        ExceptionMessages.ownMessageOf(CertificateToolException.class))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** @return a command line that reads passphrases from the given variables only (for tests) */
    static CommandLine newCommandLine(Map<String, String> environment) {
        return newCommandLine(environment::get);
    }

    /** @return the value of an environment variable, or null */
    String environmentVariable(String name) {
        return environment.apply(name);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
