package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.cli.ErrorReporter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cert-tools renew}: a renewed certificate from an EST server (simplereenroll), authenticated by the current one. */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Renew a certificate at an EST server (RFC 7030 simplereenroll): same subject,",
                "authenticated with the current certificate and key (TLS client authentication).",
                "A new key is made (written to --key-out, mode 0600) unless --reuse-key is given.",
                "--out gets the issued certificate first, then the CA certificates the server sent (no root)."})
final class RenewCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private EstServerOptions server;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "Current certificate chain, leaf first.")
    private Path certFile;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "Current private key (its passphrase, if any, also encrypts the new key).")
    private Path keyFile;

    @Option(names = "--reuse-key", description = "Certify the current key again instead of a new one (no --key-out).")
    private boolean reuseKey;

    @Mixin
    private EnrolledOutputs outputs;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
        if (reuseKey == outputs.newKey()) {
            throw new ParameterException(spec.commandLine(), "give either --key-out (new key) or --reuse-key");
        }
        List<X509Certificate> current = Pem.readCertificates(certFile);
        char[] secret = passphrase.read();
        PrivateKey currentKey = Pem.readPrivateKey(keyFile, secret);
        outputs.checkWritable();
        var builder = server.builder().clientCertificate(currentKey, current);
        KeyPair keys = reuseKey ? KeyPairs.fromPrivate(currentKey) : outputs.generateKeys();
        List<X509Certificate> chain = builder.build().reenroll(CertificateRequests.renewal(keys, current.get(0)));
        outputs.write(keys, chain, secret, spec.commandLine().getOut());
        return ErrorReporter.OK;
    }
}
