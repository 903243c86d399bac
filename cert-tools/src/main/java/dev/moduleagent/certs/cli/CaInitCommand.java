package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.cli.ErrorReporter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-tools ca init}: a root CA, optionally with an intermediate that signs the modules. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a test root CA, and optionally an intermediate CA.",
                "The root goes to <dir>/root/, the intermediate (--intermediate-cn) to <dir>/intermediate/;",
                "each folder holds ca.key.pem (mode 0600), ca.cert.pem and ca.chain.pem."})
final class CaInitCommand implements Callable<Integer> {

    /** Folder of the root CA inside the CA folder. */
    static final String ROOT = "root";
    /** Folder of the intermediate CA inside the CA folder. */
    static final String INTERMEDIATE = "intermediate";

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA folder to create.")
    private Path dir;

    @Option(names = "--cn", defaultValue = "cert-tools Test Root CA", paramLabel = "NAME",
            description = "Common name of the root (default: ${DEFAULT-VALUE}).")
    private String rootName;

    @Option(names = "--intermediate-cn", paramLabel = "NAME", description = "Also create an intermediate CA with this CN.")
    private String intermediateName;

    @Option(names = "--algorithm", defaultValue = "ec-p256", paramLabel = "ALG",
            description = "Key type of the CA keys (default ec-p256).")
    private String algorithm;

    @Option(names = "--days", defaultValue = "3650", paramLabel = "N", description = "Validity of the root in days (default 3650).")
    private int days;

    @Option(names = "--hub", paramLabel = "NAME", description = "IoT Hub name for the printed az commands.")
    private String hub;

    @Option(names = "--ca-name", defaultValue = "cert-tools-test-ca", paramLabel = "NAME",
            description = "Name of the CA certificate in IoT Hub, for the printed az commands.")
    private String caName;

    @Mixin
    private CaPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        Validity.requirePositive(spec, days);
        KeyAlgorithm parsed = KeyAlgorithm.parse(algorithm);
        char[] secret = passphrase.read();
        Path rootDir = dir.resolve(ROOT);
        Path intermediateDir = dir.resolve(INTERMEDIATE);
        refuseExisting(rootDir);
        if (intermediateName != null) {
            refuseExisting(intermediateDir);
        }
        CertificateAuthority root = CertificateAuthority.createRoot(rootName, parsed, Duration.ofDays(days));
        root.save(rootDir, secret, output.overwrite());
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote root CA " + rootDir + " (CN=" + rootName + ", " + parsed.label() + ", valid " + days + " days)");
        Path signer = rootDir;
        if (intermediateName != null) {
            CertificateAuthority intermediate = root.createIntermediate(intermediateName, parsed,
                    Duration.ofDays(Math.max(1, days - 1)));
            intermediate.save(intermediateDir, secret, output.overwrite());
            out.println("wrote intermediate CA " + intermediateDir + " (CN=" + intermediateName + ")");
            signer = intermediateDir;
        }
        out.println("sign module CSRs with: cert-tools ca sign --ca " + RegistrationSteps.quote(signer.toString())
                + " --csr <device>/<module>.csr --out <device>/<module>.cert.pem");
        new RegistrationSteps(out, hub).caUpload(caName, rootDir.resolve(CertificateAuthority.CERT_FILE), rootDir);
        return ErrorReporter.OK;
    }

    private void refuseExisting(Path folder) throws CertificateToolException {
        for (String name : List.of(CertificateAuthority.KEY_FILE, CertificateAuthority.CERT_FILE,
                CertificateAuthority.CHAIN_FILE)) {
            if (!output.overwrite() && Files.exists(folder.resolve(name))) {
                throw new CertificateToolException(folder.resolve(name) + ": already exists (use --force to overwrite)");
            }
        }
    }
}
