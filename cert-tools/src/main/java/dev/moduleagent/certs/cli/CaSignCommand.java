package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.cli.ErrorReporter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-tools ca sign}: a CSR becomes a client certificate, written leaf first with the CA's chain. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Sign a device or module CSR (CN=<device>/<module>) with a CA made by 'ca init'.",
                "The leaf has the clientAuth EKU.",
                "--out gets the leaf first, then the CA certificates below the root (what the module presents);",
                "--chain-out gets the CA chain, signing CA first, root last."})
final class CaSignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "A CA folder made by 'ca init'.")
    private Path caDir;

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The request (PEM or DER).")
    private Path csrFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the certificate chain.")
    private Path out;

    @Option(names = "--chain-out", paramLabel = "FILE", description = "Where to write the CA chain (optional).")
    private Path chainOut;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "Validity in days (default 365).")
    private int days;

    @Option(names = "--hub", paramLabel = "NAME", description = "IoT Hub name for the printed az command.")
    private String hub;

    @Mixin
    private CaPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        Validity.requirePositive(spec, days);
        if (chainOut != null && !output.overwrite() && Files.exists(chainOut)) {
            throw new CertificateToolException(chainOut + ": already exists (use --force to overwrite)");
        }
        PKCS10CertificationRequest csr = Pem.readCsr(csrFile);
        CertificateAuthority ca = CertificateAuthority.load(caDir, passphrase.read());
        X509Certificate leaf;
        try {
            leaf = ca.signClient(csr, Duration.ofDays(days));
        } catch (CertificateToolException e) {
            throw new CertificateToolException(csrFile + ": " + e.getMessage(), e);
        }
        List<X509Certificate> presented = new ArrayList<>();
        presented.add(leaf);
        for (X509Certificate cert : ca.chain()) {
            if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                presented.add(cert);
            }
        }
        Pem.writeCertificates(out, presented, output.overwrite());
        if (chainOut != null) {
            Pem.writeCertificates(chainOut, ca.chain(), output.overwrite());
        }
        report(leaf, presented.size());
        return ErrorReporter.OK;
    }

    private void report(X509Certificate leaf, int chainLength) {
        PrintWriter printer = spec.commandLine().getOut();
        IdentityName identity = IdentityName.fromCertificate(leaf).orElseThrow();
        printer.println("wrote " + out + " (CN=" + identity.commonName() + ", " + chainLength + " certificate"
                + (chainLength == 1 ? "" : "s") + ", leaf first, valid " + days + " days)");
        if (chainOut != null) {
            printer.println("wrote " + chainOut + " (CA chain, root last)");
        }
        RegistrationSteps steps = new RegistrationSteps(printer, hub);
        steps.thumbprints(leaf);
        steps.caIdentity(identity);
    }
}
