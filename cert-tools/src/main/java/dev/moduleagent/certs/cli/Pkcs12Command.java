package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Pkcs12;
import dev.moduleagent.cli.ErrorReporter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-tools pkcs12}: key + chain into one PKCS#12 file, for tools that want a .pfx. */
@Command(name = "pkcs12", mixinStandardHelpOptions = true,
        description = "Bundle a private key and its certificate chain (leaf first) into a PKCS#12 file (mode 0600).")
final class Pkcs12Command implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key (PEM).")
    private Path keyFile;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The certificate or chain, leaf first.")
    private Path certFile;

    @Option(names = "--chain", paramLabel = "FILE", description = "Further CA certificates to include.")
    private Path chainFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the .p12/.pfx file.")
    private Path out;

    @Option(names = "--out-passphrase-file", paramLabel = "FILE",
            description = "Read the PKCS#12 passphrase from the first line of FILE.")
    private Path outPassphraseFile;

    @Option(names = "--out-passphrase-env", paramLabel = "NAME",
            description = "Read the PKCS#12 passphrase from environment variable NAME.")
    private String outPassphraseVariable;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        char[] outPassphrase = PassphraseSource.read(spec, outPassphraseFile, outPassphraseVariable,
                "--out-passphrase-file", "--out-passphrase-env");
        if (outPassphrase == null) {
            throw new CertificateToolException(out + ": a PKCS#12 file needs a passphrase: give --out-passphrase-file "
                    + "or --out-passphrase-env");
        }
        PrivateKey key = Pem.readPrivateKey(keyFile, passphrase.read());
        List<X509Certificate> chain = new ArrayList<>(Pem.readCertificates(certFile));
        if (chainFile != null) {
            chain.addAll(Pem.readCertificates(chainFile));
        }
        if (!KeyPairs.matches(key, chain.get(0))) {
            throw new CertificateToolException(keyFile + ": does not match the certificate in " + certFile);
        }
        Pkcs12.write(out, key, chain, outPassphrase, output.overwrite());
        spec.commandLine().getOut().println("wrote " + out + " (" + chain.size() + " certificate"
                + (chain.size() == 1 ? "" : "s") + " + private key, mode 0600)");
        return ErrorReporter.OK;
    }
}
