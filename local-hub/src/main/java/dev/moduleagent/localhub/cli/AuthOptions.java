package dev.moduleagent.localhub.cli;

import com.google.gson.JsonObject;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Thumbprints;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --auth} and the thumbprints (given, or computed as SHA-256 from certificate files) of a new identity. */
final class AuthOptions {

    @Option(names = "--auth", required = true, paramLabel = "KIND", converter = AuthKindConverter.class,
            description = "x509-thumbprint (self-signed, registered by thumbprint), x509-ca (signed by a verified CA) or sas.")
    AuthKind kind;

    @Option(names = "--primary-thumbprint", paramLabel = "HEX", description = "SHA-1 or SHA-256 thumbprint (x509-thumbprint).")
    String primaryThumbprint;

    @Option(names = "--secondary-thumbprint", paramLabel = "HEX", description = "Second thumbprint (x509-thumbprint, optional).")
    String secondaryThumbprint;

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate (PEM) whose SHA-256 thumbprint is the primary one.")
    Path certificate;

    @Option(names = "--secondary-cert", paramLabel = "FILE", description = "Certificate (PEM) whose SHA-256 thumbprint is the secondary one.")
    Path secondaryCertificate;

    /** IoT Hub's {@code authentication} object for these options. */
    JsonObject authentication(CommandLine command) throws CertificateToolException {
        JsonObject auth = new JsonObject();
        if (kind == AuthKind.X509_CA) {
            auth.addProperty("type", "certificateAuthority");
            return auth;
        }
        if (kind == AuthKind.SAS) {
            auth.addProperty("type", "sas");
            return auth;
        }
        String primary = primaryThumbprint != null ? primaryThumbprint : thumbprintOf(certificate);
        String secondary = secondaryThumbprint != null ? secondaryThumbprint : thumbprintOf(secondaryCertificate);
        if (primary == null) {
            throw new ParameterException(command, "--auth x509-thumbprint needs --primary-thumbprint or --cert");
        }
        JsonObject thumbprints = new JsonObject();
        thumbprints.addProperty("primaryThumbprint", primary);
        thumbprints.addProperty("secondaryThumbprint", secondary);
        auth.addProperty("type", "selfSigned");
        auth.add("x509Thumbprint", thumbprints);
        return auth;
    }

    private static String thumbprintOf(Path file) throws CertificateToolException {
        return file == null ? null : Thumbprints.sha256(Pem.readCertificates(file).get(0));
    }

    /** Converts {@code --auth} text. */
    static final class AuthKindConverter implements CommandLine.ITypeConverter<AuthKind> {
        @Override
        public AuthKind convert(String value) {
            try {
                return AuthKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
