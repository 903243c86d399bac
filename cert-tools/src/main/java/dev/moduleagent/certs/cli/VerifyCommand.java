package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.ChainValidator;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.cli.ErrorReporter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-tools verify}: does a certificate (chain) hold for IoT Hub client authentication? */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a client certificate for IoT Hub X.509 authentication.",
                "Checks: the key matches (--key), the chain validates to --trust, valid now (or --at),",
                "clientAuth EKU (or no EKU extension: any purpose), the CN is a valid identity",
                "(and equals --device/--module when given). Prints the days left until the leaf expires.",
                "Exit 0 only when every check holds; each failed check is printed on its own line."})
final class VerifyCommand implements Callable<Integer> {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_PURPOSE = "2.5.29.37.0";

    @Spec
    private CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "Certificate or chain, leaf first.")
    private Path certFile;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key that must match the leaf.")
    private Path keyFile;

    @Option(names = "--trust", paramLabel = "FILE", description = "Trusted CA certificate(s) the chain must validate to.")
    private Path trustFile;

    @Option(names = "--chain", paramLabel = "FILE", description = "Extra intermediate certificates (untrusted).")
    private Path chainFile;

    @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Check validity at TIME instead of now (2030-01-31 or 2030-01-31T12:00:00Z).")
    private Instant at;

    @Option(names = "--device", paramLabel = "ID", description = "Expected device id in the CN.")
    private String deviceId;

    @Option(names = "--module", paramLabel = "ID", description = "Expected module id in the CN.")
    private String moduleId;

    @Mixin
    private KeyPassphraseOptions passphrase;

    private final List<String> failures = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Instant when = at == null ? Instant.now() : at;
        List<X509Certificate> chain = new ArrayList<>(Pem.readCertificates(certFile));
        if (chainFile != null) {
            chain.addAll(Pem.readCertificates(chainFile));
        }
        X509Certificate leaf = chain.get(0);
        if (keyFile != null) {
            PrivateKey key = Pem.readPrivateKey(keyFile, passphrase.read());
            check(KeyPairs.matches(key, leaf), keyFile + " matches the certificate", keyFile + " does not match " + certFile);
        }
        if (trustFile != null) {
            checkChain(chain, Pem.readCertificates(trustFile), when);
        }
        checkValidity(chain, when);
        checkClientAuth(leaf);
        checkIdentity(leaf);
        return failures.isEmpty() ? ErrorReporter.OK : ErrorReporter.FAILURE;
    }

    private void checkChain(List<X509Certificate> chain, List<X509Certificate> anchors, Instant when) {
        try {
            ChainValidator.validate(chain, anchors, when);
            check(true, "chain validates to " + trustFile, null);
        } catch (CertificateToolException e) {
            check(false, null, e.getMessage() + " (trust: " + trustFile + ")");
        }
    }

    private void checkValidity(List<X509Certificate> chain, Instant when) {
        int failuresBefore = failures.size();
        for (X509Certificate cert : chain) {
            Instant from = cert.getNotBefore().toInstant();
            Instant until = cert.getNotAfter().toInstant();
            String subject = cert.getSubjectX500Principal().getName();
            String period = " (" + from + " to " + until + ")";
            if (when.isBefore(from)) {
                check(false, null, subject + " is not yet valid at " + when + period);
            } else if (when.isAfter(until)) {
                check(false, null, subject + " has expired at " + when + period + ", "
                        + Expiry.daysAgo(cert, when) + " days ago");
            }
        }
        if (failures.size() == failuresBefore) {
            check(true, (chain.size() == 1 ? "valid at " : "all " + chain.size() + " certificates valid at ") + when
                    + " (leaf " + Expiry.describe(chain.get(0), when) + ")", null);
        }
    }

    private void checkClientAuth(X509Certificate leaf) {
        List<String> purposes;
        try {
            purposes = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            purposes = null;
        }
        if (purposes == null) {
            check(true, "no extended key usage extension: any purpose, clientAuth included (RFC 5280 4.2.1.12)", null);
            return;
        }
        check(purposes.contains(CLIENT_AUTH) || purposes.contains(ANY_PURPOSE), "extended key usage includes clientAuth",
                "extended key usage lacks clientAuth (" + purposes + ")");
    }

    private void checkIdentity(X509Certificate leaf) {
        Optional<IdentityName> identity = IdentityName.fromCertificate(leaf);
        String subject = leaf.getSubjectX500Principal().getName();
        if (identity.isEmpty()) {
            check(false, null, "subject " + subject + " is not CN=<device>/<module> with valid ids");
            return;
        }
        String cn = identity.get().commonName();
        if (deviceId == null && moduleId == null) {
            check(true, "CN " + cn + " is a valid " + (identity.get().isModule() ? "module" : "device") + " identity", null);
            return;
        }
        String expected = moduleId == null ? deviceId : deviceId + "/" + moduleId;
        check(cn.equals(expected), "CN " + cn + " matches the expected identity", "CN " + cn + " is not " + expected);
    }

    private void check(boolean holds, String success, String failure) {
        if (holds) {
            spec.commandLine().getOut().println("ok:     " + success);
        } else {
            failures.add(failure);
            spec.commandLine().getErr().println("FAILED: " + failure);
        }
    }
}
