package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.cli.ErrorReporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-tools csr}: a PKCS#10 request with subject {@code CN=<device>/<module>}. */
@Command(name = "csr", mixinStandardHelpOptions = true,
        description = "Create a PKCS#10 request (SHA-256) with subject CN=<device>/<module> (or CN=<device>).")
final class CsrCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key (PEM).")
    private Path key;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the request (PEM).")
    private Path out;

    @Mixin
    private IdentityOptions identityOptions;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        IdentityName identity = identityOptions.identity();
        var keys = KeyPairs.fromPrivate(Pem.readPrivateKey(key, passphrase.read()));
        PKCS10CertificationRequest csr = CertificateRequests.create(keys, identity);
        Pem.writeCsr(out, csr, output.overwrite());
        spec.commandLine().getOut().println("wrote " + out + " (subject CN=" + identity.commonName() + ")");
        return ErrorReporter.OK;
    }
}
