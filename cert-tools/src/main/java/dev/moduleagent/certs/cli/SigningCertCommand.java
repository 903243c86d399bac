package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.SelfSigned;
import dev.moduleagent.certs.Thumbprints;
import dev.moduleagent.cli.ErrorReporter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cert-tools signing-cert}: a self-signed code-signing certificate for {@code sign-plugin}. */
@Command(name = "signing-cert", mixinStandardHelpOptions = true,
        description = {"Create a self-signed code-signing certificate (codeSigning EKU) for cert-tools sign-plugin.",
                "Agents accept plug-ins signed with it once it is in their plug-in trust file."})
final class SigningCertCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The signer's private key (PEM).")
    private Path key;

    @Option(names = "--cn", required = true, paramLabel = "NAME", description = "Who signs, e.g. 'ACME plug-ins'.")
    private String commonName;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the certificate (PEM).")
    private Path out;

    @Option(names = "--days", defaultValue = "1095", paramLabel = "N", description = "Validity in days (default 1095).")
    private int days;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        Validity.requirePositive(spec, days);
        if (commonName.isBlank() || commonName.length() > 64) {
            throw new ParameterException(spec.commandLine(), "--cn is 1 to 64 characters");
        }
        var keys = KeyPairs.fromPrivate(Pem.readPrivateKey(key, passphrase.read()));
        X509Certificate cert = SelfSigned.codeSigningCertificate(keys, commonName, Duration.ofDays(days));
        Pem.writeCertificates(out, List.of(cert), output.overwrite());
        spec.commandLine().getOut().println("wrote " + out + " (CN=" + commonName + ", code signing, valid " + days
                + " days, SHA-256 thumbprint " + Thumbprints.sha256(cert) + ")");
        return ErrorReporter.OK;
    }
}
