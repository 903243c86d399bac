package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.cli.ErrorReporter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cert-tools ca verification-cert}: IoT Hub's proof of possession of a CA's key. */
@Command(name = "verification-cert", mixinStandardHelpOptions = true,
        description = "Create the proof-of-possession certificate (CN=<code>, signed by the CA) that IoT Hub asks for.")
final class CaVerificationCertCommand implements Callable<Integer> {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1,128}");

    @Spec
    private CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA folder (the one uploaded).")
    private Path caDir;

    @Option(names = "--code", required = true, paramLabel = "CODE",
            description = "The verificationCode from 'az iot hub certificate generate-verification-code'.")
    private String code;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the certificate (PEM).")
    private Path out;

    @Option(names = "--hub", paramLabel = "NAME", description = "IoT Hub name for the printed az command.")
    private String hub;

    @Option(names = "--ca-name", defaultValue = "cert-tools-test-ca", paramLabel = "NAME",
            description = "Name of the CA certificate in IoT Hub, for the printed az command.")
    private String caName;

    @Mixin
    private CaPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (!CODE.matcher(code).matches()) {
            throw new ParameterException(spec.commandLine(), "--code '" + code
                    + "' is not a verification code (letters, digits and '-' only)");
        }
        CertificateAuthority ca = CertificateAuthority.load(caDir, passphrase.read());
        X509Certificate proof = ca.verificationCertificate(code, Duration.ofDays(2));
        Pem.writeCertificates(out, List.of(proof), output.overwrite());
        spec.commandLine().getOut().println("wrote " + out + " (CN=" + code + ", signed by "
                + ca.certificate().getSubjectX500Principal().getName() + ")");
        new RegistrationSteps(spec.commandLine().getOut(), hub).caVerify(caName, out);
        return ErrorReporter.OK;
    }
}
