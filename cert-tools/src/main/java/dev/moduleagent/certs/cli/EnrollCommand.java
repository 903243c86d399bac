package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.EstClient;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cert-tools enroll}: a first certificate for a device or module from an EST server (simpleenroll). */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Get a certificate for CN=<device>/<module> from an EST server (RFC 7030 simpleenroll).",
                "Uses --key, or makes a new key written to --key-out (mode 0600).",
                "Authenticates with HTTP Basic (--username + --password-file/--password-env)",
                "and/or a bootstrap client certificate (--auth-cert + --auth-key).",
                "--out gets the issued certificate first, then the CA certificates the server sent (no root)."})
final class EnrollCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private EstServerOptions server;

    @Mixin
    private IdentityOptions identityOptions;

    @Mixin
    private EstAuthOptions auth;

    @Option(names = "--key", paramLabel = "FILE", description = "Existing private key to certify (PEM).")
    private Path key;

    @Option(names = "--key-out", paramLabel = "FILE", description = "Where to write a new key (when --key is not given).")
    private Path keyOut;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "ec-p256",
            description = "Type of a new key: ec-p256 (default), ec-p384, rsa-2048, rsa-3072 or rsa-4096.")
    private String algorithm;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the certificate chain.")
    private Path out;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if ((key == null) == (keyOut == null)) {
            throw new ParameterException(spec.commandLine(), "give either --key (existing key) or --key-out (new key)");
        }
        IdentityName identity = identityOptions.identity();
        EstClient.Builder builder = server.builder();
        auth.apply(builder);
        char[] secret = passphrase.read();
        EnrolledFiles files = new EnrolledFiles(out, keyOut, output.overwrite(), secret);
        files.checkWritable();
        KeyPair keys = key == null ? KeyPairs.generate(KeyAlgorithm.parse(algorithm))
                : KeyPairs.fromPrivate(Pem.readPrivateKey(key, secret));
        List<X509Certificate> chain = builder.build().enroll(CertificateRequests.create(keys, identity));
        files.write(keys, chain, spec.commandLine().getOut());
        return ErrorReporter.OK;
    }
}
