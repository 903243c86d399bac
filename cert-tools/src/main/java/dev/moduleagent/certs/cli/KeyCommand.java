package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.cli.ErrorReporter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-tools key}: a new private key as PKCS#8 PEM, mode 0600. */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Generate a private key (PKCS#8 PEM, file mode 0600), optionally encrypted with a passphrase.")
final class KeyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key.")
    private Path out;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "ec-p256",
            description = "ec-p256 (default), ec-p384, rsa-2048, rsa-3072 or rsa-4096.")
    private String algorithm;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() throws Exception {
        KeyAlgorithm parsed = KeyAlgorithm.parse(algorithm);
        char[] secret = passphrase.read();
        KeyPair keys = KeyPairs.generate(parsed);
        Pem.writePrivateKey(out, keys.getPrivate(), secret, output.overwrite());
        spec.commandLine().getOut().println("wrote " + out + " (" + parsed.label()
                + (secret == null ? "" : ", encrypted") + ", mode 0600)");
        return ErrorReporter.OK;
    }
}
