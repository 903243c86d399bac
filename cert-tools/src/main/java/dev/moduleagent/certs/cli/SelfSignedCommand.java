package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.SelfSigned;
import dev.moduleagent.certs.Thumbprints;
import dev.moduleagent.cli.ErrorReporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-tools self-signed}: a client certificate for IoT Hub's thumbprint authentication. */
@Command(name = "self-signed", mixinStandardHelpOptions = true,
        description = {"Create a self-signed client certificate for X.509 thumbprint authentication.",
                "The certificate has the clientAuth EKU; its SHA-1 and SHA-256 thumbprints and the az command",
                "that registers it with IoT Hub are printed."})
final class SelfSignedCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key (PEM).")
    private Path key;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the certificate (PEM).")
    private Path out;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "Validity in days (default 365).")
    private int days;

    @Option(names = "--hub", paramLabel = "NAME", description = "IoT Hub name for the printed az command.")
    private String hub;

    @Option(names = "--thumbprint", defaultValue = "sha256", paramLabel = "ALG",
            description = "Thumbprint in the printed az command: sha256 (default) or sha1.")
    private ThumbprintAlgorithm thumbprint;

    @Option(names = "--secondary", paramLabel = "FILE",
            description = "A second certificate whose thumbprint becomes the secondary (--stp).")
    private Path secondary;

    @Mixin
    private IdentityOptions identityOptions;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    /** Which thumbprint goes into the registration command. */
    enum ThumbprintAlgorithm { SHA1, SHA256 }

    @Override
    public Integer call() throws Exception {
        Validity.requirePositive(spec, days);
        IdentityName identity = identityOptions.identity();
        var keys = KeyPairs.fromPrivate(Pem.readPrivateKey(key, passphrase.read()));
        X509Certificate secondaryCert = secondary == null ? null : Pem.readCertificates(secondary).get(0);
        X509Certificate cert = SelfSigned.clientCertificate(keys, identity, Duration.ofDays(days));
        Pem.writeCertificates(out, List.of(cert), output.overwrite());
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("wrote " + out + " (CN=" + identity.commonName() + ", valid " + days + " days)");
        RegistrationSteps steps = new RegistrationSteps(printer, hub);
        steps.thumbprints(cert);
        steps.thumbprintIdentity(identity, thumbprintOf(cert), secondaryCert == null ? null : thumbprintOf(secondaryCert));
        return ErrorReporter.OK;
    }

    private String thumbprintOf(X509Certificate cert) {
        return thumbprint == ThumbprintAlgorithm.SHA1 ? Thumbprints.sha1(cert) : Thumbprints.sha256(cert);
    }
}
