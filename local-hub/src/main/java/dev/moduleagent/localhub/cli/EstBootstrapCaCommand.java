package dev.moduleagent.localhub.cli;

import dev.moduleagent.certs.Pem;
import dev.moduleagent.localhub.internal.est.EstAccess;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code local-hub est bootstrap-ca}: trusts a CA whose client certificates may enroll (factory identities). */
@Command(name = "bootstrap-ca", mixinStandardHelpOptions = true,
        description = "Trust a bootstrap CA: a TLS client certificate from it authenticates simpleenroll (e.g. a factory identity).")
final class EstBootstrapCaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = HubOptions.DEFAULT_DATA_DIR, paramLabel = "DIR",
            description = "The hub's data folder (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The CA certificate(s), PEM.")
    private Path certificate;

    @Override
    public Integer call() throws Exception {
        int added = new EstAccess(dataDir).addBootstrapCas(Pem.readCertificates(certificate));
        spec.commandLine().getOut().println("trusted " + added + " new bootstrap CA certificate" + (added == 1 ? "" : "s")
            + " from " + certificate + " (" + dataDir.resolve("est").resolve("bootstrap-ca.pem") + ")");
        return 0;
    }
}
