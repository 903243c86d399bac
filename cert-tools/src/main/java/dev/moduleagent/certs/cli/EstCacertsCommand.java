package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.Pem;
import dev.moduleagent.cli.ErrorReporter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-tools est cacerts}: the EST server's CA certificates, as PEM. */
@Command(name = "cacerts", mixinStandardHelpOptions = true,
        description = {"Fetch the EST server's current CA certificates (GET /cacerts) and write them as PEM.",
                "The server itself is trusted only through --trust."})
final class EstCacertsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private EstServerOptions server;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the CA certificates (PEM).")
    private Path out;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        List<X509Certificate> certificates = server.builder().build().caCertificates();
        Pem.writeCertificates(out, certificates, output.overwrite());
        spec.commandLine().getOut().println("wrote " + out + " (" + certificates.size() + " CA certificate"
                + (certificates.size() == 1 ? "" : "s") + " from " + server.url() + ")");
        for (X509Certificate cert : certificates) {
            spec.commandLine().getOut().println("  " + cert.getSubjectX500Principal().getName());
        }
        return ErrorReporter.OK;
    }
}
