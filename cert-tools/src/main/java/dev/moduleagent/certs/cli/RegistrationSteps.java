package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.Thumbprints;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;

/** Prints the Azure CLI steps that register an identity or a CA with a real IoT Hub. */
final class RegistrationSteps {

    /** Shown when the user gave no {@code --hub}. */
    static final String HUB_PLACEHOLDER = "<hub>";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._:=@%/+-]+");

    private final PrintWriter out;
    private final String hub;

    RegistrationSteps(PrintWriter out, String hub) {
        this.out = out;
        this.hub = hub == null ? HUB_PLACEHOLDER : hub;
    }

    /** Prints both thumbprints of a certificate in IoT Hub's format. */
    void thumbprints(X509Certificate cert) {
        out.println("SHA-1 thumbprint:   " + Thumbprints.sha1(cert));
        out.println("SHA-256 thumbprint: " + Thumbprints.sha256(cert));
    }

    /** Thumbprint authentication: the identity is registered with the certificate's thumbprint(s). */
    void thumbprintIdentity(IdentityName identity, String primary, String secondary) {
        String thumbprints = " --am x509_thumbprint --ptp " + primary + (secondary == null ? "" : " --stp " + secondary);
        out.println();
        out.println("Register it with IoT Hub (X.509 thumbprint authentication):");
        if (identity.isModule()) {
            out.println("  az iot hub device-identity create --hub-name " + quote(hub) + " --device-id "
                    + quote(identity.deviceId()) + "    # only if the device does not exist yet");
            out.println("  az iot hub module-identity create --hub-name " + quote(hub) + " --device-id "
                    + quote(identity.deviceId()) + " --module-id " + quote(identity.moduleId()) + thumbprints);
        } else {
            out.println("  az iot hub device-identity create --hub-name " + quote(hub) + " --device-id "
                    + quote(identity.deviceId()) + thumbprints);
        }
    }

    /** CA authentication: the identity is registered without a thumbprint; the hub trusts the verified CA. */
    void caIdentity(IdentityName identity) {
        out.println();
        out.println("Register it with IoT Hub (X.509 CA authentication; the CA must be uploaded and verified):");
        if (identity.isModule()) {
            out.println("  az iot hub device-identity create --hub-name " + quote(hub) + " --device-id "
                    + quote(identity.deviceId()) + "    # only if the device does not exist yet");
            out.println("  az iot hub module-identity create --hub-name " + quote(hub) + " --device-id "
                    + quote(identity.deviceId()) + " --module-id " + quote(identity.moduleId()) + " --am x509_ca");
        } else {
            out.println("  az iot hub device-identity create --hub-name " + quote(hub) + " --device-id "
                    + quote(identity.deviceId()) + " --am x509_ca");
        }
    }

    /** Uploading a CA and proving possession of its key. */
    void caUpload(String caName, Path certFile, Path caFolder) {
        String common = " --hub-name " + quote(hub) + " --name " + quote(caName);
        out.println();
        out.println("Register the CA with IoT Hub (upload, then prove possession of its key):");
        out.println("  az iot hub certificate create" + common + " --path " + quote(certFile.toString()));
        out.println("  az iot hub certificate generate-verification-code" + common + " --etag <etag>");
        out.println("  cert-tools ca verification-cert --ca " + quote(caFolder.toString())
                + " --code <verificationCode> --out verification.cert.pem");
        out.println("  az iot hub certificate verify" + common + " --path verification.cert.pem --etag <etag>");
        out.println("(<etag> and <verificationCode> are printed by the previous az command.)");
    }

    /** The last step of the proof of possession. */
    void caVerify(String caName, Path verificationCert) {
        out.println();
        out.println("Finish the proof of possession:");
        out.println("  az iot hub certificate verify --hub-name " + quote(hub) + " --name " + quote(caName)
                + " --path " + quote(verificationCert.toString()) + " --etag <etag>");
    }

    /**
     * @param value a word for a POSIX shell
     * @return the word as is when it is safe, otherwise single-quoted
     */
    static String quote(String value) {
        if (SHELL_SAFE.matcher(value).matches() || value.equals(HUB_PLACEHOLDER)) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
