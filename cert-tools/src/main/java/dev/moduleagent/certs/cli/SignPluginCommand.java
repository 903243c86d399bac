package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Thumbprints;
import dev.moduleagent.cli.ErrorReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cert-tools sign-plugin}: signs a plug-in jar for delivery through the agent's desired {@code plugins}. */
@Command(name = "sign-plugin", mixinStandardHelpOptions = true,
        description = {"Sign a plug-in jar (SHA-256, JDK jar signer) so that agents trusting the certificate accept it.",
                "Make the signer once: cert-tools key --out signer.key.pem; cert-tools signing-cert --key signer.key.pem",
                "--cn 'ACME plug-ins' --out signer.pem; put signer.pem (or its CA) into the agent's plug-in trust file."})
final class SignPluginCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--jar", required = true, paramLabel = "FILE", description = "The plug-in jar to sign.")
    private Path jar;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The signer's private key (PEM).")
    private Path key;

    @Option(names = "--cert", required = true, paramLabel = "FILE",
            description = "The signer's certificate (PEM), followed by its issuers if any.")
    private Path cert;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signed jar.")
    private Path out;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new ParameterException(spec.commandLine(), "--jar " + jar + ": no such file");
        }
        List<X509Certificate> chain = Pem.readCertificates(cert);
        if (chain.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--cert " + cert + ": no certificate in the file");
        }
        try {
            PluginSigning.sign(jar, Pem.readPrivateKey(key, passphrase.read()), chain, out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        spec.commandLine().getOut().println("signed " + out + " as " + chain.get(0).getSubjectX500Principal().getName()
                + " (SHA-256 thumbprint " + Thumbprints.sha256(chain.get(0)) + ")");
        return ErrorReporter.OK;
    }
}
