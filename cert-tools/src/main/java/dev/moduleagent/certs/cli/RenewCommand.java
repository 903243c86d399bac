package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
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

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Current private key (its passphrase, if any, also encrypts the new key).")
    private Path keyFile;

    @Option(names = "--reuse-key", description = "Certify the current key again instead of a new one.")
    private boolean reuseKey;

    @Option(names = "--key-out", paramLabel = "FILE", description = "Where to write the new key (without --reuse-key).")
    private Path keyOut;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "ec-p256",
            description = "Type of the new key: ec-p256 (default), ec-p384, rsa-2048, rsa-3072 or rsa-4096.")
    private String algorithm;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the new certificate chain.")
    private Path out;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (reuseKey == (keyOut != null)) {
            throw new ParameterException(spec.commandLine(), "give either --key-out (new key) or --reuse-key");
        }
        List<X509Certificate> current = Pem.readCertificates(certFile);
        char[] secret = passphrase.read();
        PrivateKey currentKey = Pem.readPrivateKey(keyFile, secret);
        EnrolledFiles files = new EnrolledFiles(out, keyOut, output.overwrite(), secret);
        files.checkWritable();
        var builder = server.builder().clientCertificate(currentKey, current);
        KeyPair keys = reuseKey ? KeyPairs.fromPrivate(currentKey) : KeyPairs.generate(KeyAlgorithm.parse(algorithm));
        List<X509Certificate> chain = builder.build().reenroll(CertificateRequests.renewal(keys, current.get(0)));
        files.write(keys, chain, spec.commandLine().getOut());
        return ErrorReporter.OK;
    }
}
