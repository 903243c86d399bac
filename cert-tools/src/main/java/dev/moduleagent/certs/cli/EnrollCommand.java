package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.EstClient;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.cli.ErrorReporter;
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

    @Option(names = "--key", paramLabel = "FILE", description = "Existing private key to certify (instead of --key-out).")
    private Path key;

    @Mixin
    private EnrolledOutputs outputs;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
        if ((key == null) != outputs.newKey()) {
            throw new ParameterException(spec.commandLine(), "give either --key (existing key) or --key-out (new key)");
        }
        IdentityName identity = identityOptions.identity();
        EstClient.Builder builder = server.builder();
        auth.apply(builder);
        char[] secret = passphrase.read();
        outputs.checkWritable();
        KeyPair keys = key == null ? outputs.generateKeys() : KeyPairs.fromPrivate(Pem.readPrivateKey(key, secret));
        List<X509Certificate> chain = builder.build().enroll(CertificateRequests.create(keys, identity));
        outputs.write(keys, chain, secret, spec.commandLine().getOut());
        return ErrorReporter.OK;
    }
}
